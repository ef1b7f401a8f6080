"""The process settings a batch runs with (`screen/tuning.py`), each checked in a fresh
interpreter: they are process-wide."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CHURN = """
import gc, resource, sys
from verifyctl.screen import tuning
if sys.argv[1] == "tuned":
    tuning.for_batch()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for i in range(60):  # a chunk's output: joined, pickled, read back, then all dropped
    joined = b"x" * (2 << 20)
    pickled = joined + b"p"
    read = pickled + b"r"
    del joined, pickled, read
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before, gc.get_threshold()[0], len(gc.get_objects()))
"""


def _churn(mode: str) -> list[int]:
    # glibc raises its mmap threshold the first time it frees a large mapped block, and start-up
    # may or may not have done so (it depends on whether .pyc files had to be written): the
    # plain run pins glibc's default threshold, so its baseline is the same on every machine.
    env = dict(os.environ, MALLOC_MMAP_THRESHOLD_="131072") if mode == "plain" else None
    out = subprocess.run([sys.executable, "-c", CHURN, mode], capture_output=True, text=True, check=True, env=env)
    return [int(n) for n in out.stdout.split()]


def test_the_collector_looks_at_young_objects_less_often_and_never_at_the_loaded_data() -> None:
    _, plain_young, plain_tracked = _churn("plain")
    _, tuned_young, tuned_tracked = _churn("tuned")
    assert (plain_young, tuned_young) == (700, 20_000)
    assert tuned_tracked < plain_tracked  # frozen objects are out of the collector's lists


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc settings")
def test_large_buffers_are_reused_instead_of_faulted_in_anew() -> None:
    plain_faults = _churn("plain")[0]
    tuned_faults = _churn("tuned")[0]
    assert plain_faults > 60 * 512  # each round's buffers came in fresh pages
    assert tuned_faults < plain_faults / 10
