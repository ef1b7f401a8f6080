"""Speed of `verifyctl check URL` (issue 3), measured from the installed command.

1. Cold start: median wall time of `verifyctl check https://nhandan.vn/x` in a fresh process,
   side by side with `python -c "import click"` (runs interleaved, so both see the same machine
   load). Target: at most 1.5 times. Measured twice: with the output redirected (JSON, the
   default there) and on a pseudo-terminal (human output, as a member sees it).
2. Throughput: `verifyctl check --format json --from FILE` on 100,000 URLs (a mix of official
   links, unknown sites, lookalikes, social-media links and short links), start-up included.
   Target: at least 20,000 URLs/s on one core. Printed as wall-clock rate and as URLs per
   CPU-second of the process (the fair figure on a shared, busy machine).

Usage: python benchmarks/bench_url.py [--runs N] [--urls N]
"""

from __future__ import annotations

import argparse
import os
import pty
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OFFICIAL = ["nhandan.vn", "vtv.vn", "vov.vn", "qdnd.vn", "vietnamplus.vn", "chinhphu.vn",
            "dangcongsan.vn", "baodongnai.com.vn", "vnexpress.net", "tuoitre.vn", "moj.gov.vn"]  # fmt: skip
SOCIAL = ["https://www.facebook.com/thongtinchinhphu/posts/{n}", "https://www.youtube.com/@VTV24/videos",
          "https://www.tiktok.com/@vtv24news/video/{n}", "https://www.facebook.com/page{n}"]  # fmt: skip
LOOKALIKES = ["nhandan.com", "nhạndan.vn", "nhandan-news.com", "vtb.vn", "nhandan.vn.example.xyz"]
SHORT = ["bit.ly", "tinyurl.com", "t.co", "goo.gl"]
WORDS = ["tin", "bao", "news", "shop", "blog", "viet", "sai", "gon", "ha", "noi", "the", "gioi", "online"]


def verifyctl() -> str:
    found = Path(sys.executable).with_name("verifyctl")
    return str(found) if found.exists() else shutil.which("verifyctl") or "verifyctl"


def url_mix(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.55:
            out.append(f"https://{rng.choice(OFFICIAL)}/bai-viet-{i}-post{rng.randrange(10**6)}.html")
        elif roll < 0.80:
            host = "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3))) + str(rng.randrange(5000))
            out.append(f"https://{host}.{rng.choice(['com', 'vn', 'net', 'com.vn', 'xyz'])}/p/{i}")
        elif roll < 0.90:
            out.append(rng.choice(SOCIAL).format(n=i))
        elif roll < 0.95:
            out.append(f"https://{rng.choice(SHORT)}/{i:x}")
        else:
            out.append(f"https://{rng.choice(LOOKALIKES)}/tin/{i}")
    return out


def median_wall(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return times


def on_terminal(cmd: list[str]) -> float:
    """Wall time of `cmd` writing to a pseudo-terminal (read to the end, as a terminal would)."""
    main, child = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=child, stdout=child, stderr=child)
    os.close(child)
    while True:
        try:
            if not os.read(main, 65536):
                break
        except OSError:  # the child side is closed
            break
    proc.wait()
    elapsed = time.perf_counter() - start
    os.close(main)
    return elapsed


def cold_start(runs: int) -> None:
    click_cmd = [sys.executable, "-c", "import click"]
    check_cmd = [verifyctl(), "check", "https://nhandan.vn/x"]
    median_wall(check_cmd, 3)  # warm the page cache
    for where, run in (("output redirected, JSON", lambda c: median_wall(c, 1)[0]), ("on a terminal, human", on_terminal)):
        clicks: list[float] = []
        checks: list[float] = []
        for _ in range(runs):  # interleaved: both see the same load
            clicks.append(run(click_cmd))
            checks.append(run(check_cmd))
        a, b = statistics.median(clicks), statistics.median(checks)
        print(f"cold start ({where}): python -c 'import click' median {a * 1000:.1f} ms; "
              f"verifyctl check https://nhandan.vn/x median {b * 1000:.1f} ms; ratio {b / a:.2f} (target <= 1.5)")


def throughput(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "urls.txt"
        path.write_text("\n".join(url_mix(n)) + "\n", encoding="utf-8")
        cmd = [verifyctl(), "check", "--format", "json", "--from", str(path)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        lines = proc.stdout.count(b"\n")
    assert lines == n, f"{lines} records for {n} URLs"
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"throughput: {n} URLs in {wall:.2f} s wall = {n / wall:,.0f} URLs/s; "
          f"{cpu:.2f} s of CPU (one process, one core) = {n / cpu:,.0f} URLs per CPU-second "
          "(target >= 20,000)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--urls", type=int, default=100_000)
    args = parser.parse_args()
    cold_start(args.runs)
    throughput(args.urls)


if __name__ == "__main__":
    main()
