"""Worker faults (issue 19, finding 10), staged by tests/robust/robust_workers.py so that they
happen on every run. The deadlines here are generous failure bounds, not speed targets: the
5 s and 10 s targets are measured, 200 runs at a time, by benchmarks/bench_worker_faults.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from robust_workers import big_posts, kill_parent, kill_worker_mid_answer


@pytest.fixture(scope="module")
def posts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_posts(tmp_path_factory.mktemp("workers") / "posts.jsonl")


def test_workers_leave_when_the_parent_is_killed(posts: Path, tmp_path: Path) -> None:
    """Before: both workers lived on for ever, holding the parent's stderr open, so a wrapper
    reading it never saw its end."""
    outcome = kill_parent(posts, tmp_path / "out.jsonl")
    assert outcome.workers_gone_after is not None, "a worker outlived its parent"
    assert outcome.stderr_closed_after is not None, "the parent's stderr stayed open"


def test_a_worker_killed_in_the_middle_of_an_answer_stops_the_run(posts: Path, tmp_path: Path) -> None:
    """Before: the parent waited for ever for the rest of the half-written answer."""
    outcome = kill_worker_mid_answer(posts, tmp_path / "out.jsonl")
    assert outcome.mid_answer, "the worker was never seen blocked writing its answer"
    assert outcome.returncode == 2, outcome.stderr
    assert "a worker process died" in outcome.stderr and "Traceback" not in outcome.stderr
