"""Shared pieces of the robustness suite: the hypothesis budget, cost measurements, counters.

The budget is modest so the suite stays within a few minutes in CI; set
`VERIFYCTL_PROPERTY_EXAMPLES` to search longer locally (docs/fuzzing.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("VERIFYCTL_PROPERTY_EXAMPLES", "200"))

BUDGET = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("CI") is not None,
)


@dataclass(frozen=True)
class Cost:
    seconds: float
    peak_bytes: int


def cost_in_process(work: Callable[[], object]) -> Cost:
    """Wall time and peak Python allocation of `work()` (tracemalloc: what this call allocated)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        work()
    finally:
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return Cost(seconds, peak)


@dataclass(frozen=True)
class ChildRun:
    returncode: int
    stdout: bytes
    stderr: str
    seconds: float
    max_rss_kb: int


def run_measured(argv: list[str], *, stdin: Path | None = None, cwd: Path, timeout: float = 120) -> ChildRun:
    """Run a child and report ITS wall time and peak resident memory (wait4 gives its own rusage)."""
    out = cwd / ".measured.out"
    err = cwd / ".measured.err"
    with (
        open(stdin, "rb") if stdin else open(os.devnull, "rb") as feed,
        out.open("wb") as out_fh,
        err.open("wb") as err_fh,
    ):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=feed, stdout=out_fh, stderr=err_fh, cwd=cwd)
        deadline = start + timeout
        peak_kb = 0
        while True:
            peak_kb = max(peak_kb, _high_water_kb(proc.pid))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return ChildRun(
        proc.returncode,
        out.read_bytes(),
        err.read_bytes().decode("utf-8", "replace"),
        seconds,
        peak_kb or usage.ru_maxrss,
    )


def _high_water_kb(pid: int) -> int:
    """The child's own peak RSS (VmHWM starts afresh at exec; ru_maxrss would include the
    memory of this test process, which the child had until it exec'd)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def verifyctl_argv() -> list[str]:
    script = Path(sys.executable).with_name("verifyctl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "verifyctl"]


_CLICK_USAGE = ("Usage:", "Cách dùng:", "Try ", "Thử ", "Error:", "Lỗi:")


def message_lines(stderr: str) -> list[str]:
    """stderr without click's usage boilerplate: what the program itself said."""
    return [line for line in stderr.splitlines() if line.strip() and not line.startswith(_CLICK_USAGE)]
