"""The Dask engine on real local clusters of worker processes: the same output records,
summary and counts as the local engine, in input order, and nothing lost or repeated when a
worker dies mid-run or the run is interrupted and resumed.

The batch machinery is what is under test here, so the posts are judged by the screen tests'
stand-in engine (`screen_fakes.FakeEngine`); the end-to-end CLI test in `test_dask_cli.py`
uses the real checks."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed", reason='Dask is not installed (pip install ".[dask]")')

from dask.distributed import Client, LocalCluster

import dask

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "screen"))

from dask_posts import write_csv, write_jsonl
from screen_fakes import FakeEngine

from verifyctl.distributed.cluster import local_cluster
from verifyctl.distributed.engine import DaskChunks
from verifyctl.errors import VerifyctlError
from verifyctl.screen.post import Settings
from verifyctl.screen.run import RunOptions, run
from verifyctl.screen.summary import Summary
from verifyctl.verdict import Result

STAND_IN = Settings(engine=FakeEngine, lang="en")


@pytest.fixture(scope="module")
def posts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("posts") / "posts.jsonl", 50_000)


@pytest.fixture(scope="module")
def local_output(posts: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Summary]:
    out = tmp_path_factory.mktemp("local") / "local.jsonl"
    summary = run([str(posts)], STAND_IN, RunOptions(output=str(out), jobs=2))
    return out.read_bytes(), summary


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[LocalCluster, Client]]:
    with local_cluster(2) as (lc, client):
        yield lc, client


def test_50000_posts_identical_to_the_local_engine(
    posts: Path, local_output: tuple[bytes, Summary], tmp_path: Path
) -> None:
    """No --scheduler: the engine starts its own LocalCluster of --jobs (2) worker processes."""
    out = tmp_path / "dask.jsonl"
    summary = run([str(posts)], STAND_IN, RunOptions(output=str(out), jobs=2), chunks=DaskChunks(None, 2000))
    expected, expected_summary = local_output
    got = out.read_bytes().splitlines()
    want = expected.splitlines()
    assert len(got) == len(want) == 50_000
    for n, (a, b) in enumerate(zip(got, want, strict=True)):
        assert a == b, f"record {n + 1} differs"
    assert summary == expected_summary
    assert summary.total == 50_000 and summary.verdicts["error"] > 0  # the planted broken lines


def test_csv_with_multiline_messages_identical(tmp_path: Path, cluster: tuple[LocalCluster, Client]) -> None:
    posts = write_csv(tmp_path / "crowdtangle.csv", 8_000)
    local = tmp_path / "local.jsonl"
    dask = tmp_path / "dask.jsonl"
    want = run([str(posts)], STAND_IN, RunOptions(output=str(local), jobs=2))
    got = run([str(posts)], STAND_IN, RunOptions(output=str(dask)), chunks=DaskChunks(cluster[0].scheduler_address, 700))
    assert dask.read_bytes() == local.read_bytes()
    assert got == want and got.total == 8_000


def test_a_worker_killed_mid_run(
    posts: Path, local_output: tuple[bytes, Summary], tmp_path: Path, cluster: tuple[LocalCluster, Client]
) -> None:
    lc, client = cluster
    killed: list[int] = []
    written = [0]

    def kill_a_busy_worker(count: int) -> None:
        written[0] += count
        if killed or written[0] < 5_000:
            return
        busy = [addr for addr, keys in client.processing().items() if keys]
        if not busy:
            return  # try again after the next partition: the kill must land mid-partition
        pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    out = tmp_path / "dask.jsonl"
    summary = run(
        [str(posts)],
        STAND_IN,
        RunOptions(output=str(out)),
        progress=kill_a_busy_worker,
        chunks=DaskChunks(lc.scheduler_address, 500),
    )
    assert killed, "the run ended before a worker could be killed"
    assert killed[0] not in client.run(os.getpid).values()
    got = out.read_bytes()
    ids = [json.loads(line)["id"] for line in got.splitlines()]
    assert len(ids) == 50_000
    assert got == local_output[0]  # every record exactly once, in input order
    assert summary == local_output[1]


def test_interrupted_then_resumed_on_the_cluster(
    posts: Path, local_output: tuple[bytes, Summary], tmp_path: Path, cluster: tuple[LocalCluster, Client]
) -> None:
    out = tmp_path / "dask.jsonl"
    chunks = DaskChunks(cluster[0].scheduler_address, 1500)
    written = [0]

    def stop(count: int) -> None:
        written[0] += count
        if written[0] >= 12_000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run([str(posts)], STAND_IN, RunOptions(output=str(out)), progress=stop, chunks=chunks)
    assert 12_000 <= len(out.read_bytes().splitlines()) < 50_000
    summary = run([str(posts)], STAND_IN, RunOptions(output=str(out), resume=True), chunks=chunks)
    assert out.read_bytes() == local_output[0]
    assert summary == local_output[1]


POISON = "this post kills whoever judges it"


class WorkerKiller(FakeEngine):
    """Kills the process that judges the poisoned post, every time: a partition no worker
    survives (a crash in a native library, or memory blown by one post)."""

    def check_text(self, text: str) -> Result:
        if POISON in text:
            os._exit(13)
        return super().check_text(text)


def test_a_partition_that_kills_every_worker_stops_the_run(tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    lines = [json.dumps({"id": f"p{n}", "text": POISON if n == 250 else f"bài {n}"}) for n in range(1, 401)]
    posts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        ) as lc,
        pytest.raises(VerifyctlError) as failure,
    ):
        run(
            [str(posts)],
            Settings(engine=WorkerKiller, lang="en"),
            RunOptions(output=str(out)),
            chunks=DaskChunks(lc.scheduler_address, 100),
        )
    # Dask blames every partition that was on a worker when it died, so a partition queued
    # beside the poisoned one can be the one named: the first blamed, in input order.
    message = failure.value.line("en")
    found = re.fullmatch(
        rf"the part of {re.escape(str(posts))} from record (1|101|201) \(100 records\): Dask workers died "
        r"each time they screened it and the scheduler gave up; stopping \(find the cause, then rerun "
        r"with --resume\)",
        message,
    )
    assert found, message
    written = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == [f"p{n}" for n in range(1, int(found[1]))]  # every partition before it, whole
