"""Posts per second of `verifyctl screen --engine dask` (a LocalCluster of 2 worker processes)
against the local engine's `--jobs 2`, on the same generated JSON Lines file, with the real
checks and the installed command.

Runs alternate (local, dask, local, dask, ...) and the best of each is kept, so a busy machine
penalises both alike. It also prints the CPU time each engine spends per 1,000 posts (all
processes, from the kernel's accounting) and the rate that implies on two idle cores, the fixed cost of each engine (a run on a one-post
file), and the steady-state rate on a cluster that is already running (the library run,
without start-up), which together explain the overhead.

    python benchmarks/bench_dask.py [--posts 200000] [--rounds 2] [--partition-size 5000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "dask"))

from dask_posts import write_jsonl

from verifyctl.distributed.cluster import local_cluster
from verifyctl.distributed.engine import PARTITION_SIZE, DaskChunks
from verifyctl.screen.post import Settings, warm_up
from verifyctl.screen.run import RunOptions, run


def verifyctl() -> str:
    return str(Path(sys.executable).with_name("verifyctl"))


def cli_run(args: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and every process it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([verifyctl(), "screen", "--lang", "en", *args], cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1, 2) or b"Traceback" in proc.stderr:
        raise SystemExit(f"verifyctl screen failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def warm_rate(posts: Path, out: Path, partition_size: int) -> float:
    """Posts/s on a running 2-worker cluster whose workers have already loaded the data."""
    settings = Settings(lang="en")
    with local_cluster(2) as (lc, client):
        client.run(warm_up, settings)
        chunks = DaskChunks(lc.scheduler_address, partition_size)
        start = time.perf_counter()
        summary = run([str(posts)], settings, RunOptions(output=str(out)), chunks=chunks)
        return summary.total / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=PARTITION_SIZE)
    ns = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        work = Path(tmp)
        posts = write_jsonl(work / "posts.jsonl", ns.posts)
        size_mb = posts.stat().st_size / 1e6
        print(f"input: {ns.posts:,} generated posts, {size_mb:.1f} MB JSON Lines; {os.cpu_count()} cores")
        local = ["--jobs", "2", str(posts), "-o", "local.jsonl"]
        dask = ["--engine", "dask", "--jobs", "2", "--partition-size", str(ns.partition_size), str(posts), "-o", "dask.jsonl"]
        best: dict[str, tuple[float, float]] = {}
        for round_ in range(1, ns.rounds + 1):
            for name, args in (("local --jobs 2", local), ("dask, 2 workers", dask)):
                wall, cpu = cli_run(args, work)
                print(f"  round {round_} {name:16} {wall:7.2f} s  {ns.posts / wall:9,.0f} posts/s  CPU {cpu:6.1f} s")
                if name not in best or wall < best[name][0]:
                    best[name] = (wall, cpu)
        same = (work / "local.jsonl").read_bytes() == (work / "dask.jsonl").read_bytes()
        one = work / "one.jsonl"
        with posts.open("rb") as fh:
            one.write_bytes(fh.readline())
        fixed = {
            "local --jobs 2": min(cli_run(["--jobs", "2", str(one), "-o", "one-local.jsonl"], work) for _ in range(2)),
            "dask, 2 workers": min(
                cli_run(["--engine", "dask", "--jobs", "2", str(one), "-o", "one-dask.jsonl"], work) for _ in range(2)
            ),
        }
        warm = warm_rate(posts, work / "warm.jsonl", ns.partition_size)

    (local_wall, local_cpu), (dask_wall, dask_cpu) = best["local --jobs 2"], best["dask, 2 workers"]
    local_rate, dask_rate = ns.posts / local_wall, ns.posts / dask_wall
    print()
    print(f"local engine, --jobs 2          {local_rate:9,.0f} posts/s   CPU {1000 * local_cpu / ns.posts:6.2f} s per 1,000 posts")
    print(f"dask engine, 2 local workers    {dask_rate:9,.0f} posts/s   CPU {1000 * dask_cpu / ns.posts:6.2f} s per 1,000 posts")
    print(f"ratio dask / local              {dask_rate / local_rate:9.2f}")
    # Wall time on a shared machine measures the neighbours too; CPU time does not. Two idle
    # cores cannot do better than 2 CPU-seconds of work per second:
    cores = 2
    local_bound, dask_bound = cores * ns.posts / local_cpu, cores * ns.posts / dask_cpu
    print(f"bound from CPU, 2 idle cores    local {local_bound:,.0f} posts/s, dask {dask_bound:,.0f} posts/s, ratio {dask_bound / local_bound:.2f}")
    print(f"dask on a running cluster       {warm:9,.0f} posts/s   (no start-up, data files already loaded)")
    for name, (wall, cpu) in fixed.items():
        print(f"fixed cost, 1 post, {name:16}  {wall:5.2f} s wall   CPU {cpu:5.2f} s")
    print(f"outputs identical               {same}")


if __name__ == "__main__":
    main()
