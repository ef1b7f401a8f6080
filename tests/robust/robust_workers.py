"""The two worker faults of issue 19 (finding 10), staged so that they happen every time:

- `kill_parent`: the parent `screen` is SIGKILLed (as the OOM killer would) while its workers
  are busy; how long until no worker is left, and whether a reader of its stderr gets EOF.
- `kill_worker_mid_answer`: the parent is stopped (SIGSTOP) until a worker is blocked writing
  an answer bigger than the pipe holds (the kernel says `pipe_write`), then that worker is
  SIGKILLed and the parent continued: it holds half an answer from a dead worker.

Used by tests/robust/test_robust_workers_round2.py and, 200 times over,
benchmarks/bench_worker_faults.py.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from robust_support import verifyctl_argv


def big_posts(path: Path, count: int = 20_000) -> Path:
    """Posts long enough that one chunk's answer is megabytes: far more than a pipe holds."""
    if not path.exists():
        filler = "nội dung bài viết dài " * 60
        with path.open("w", encoding="utf-8") as fh:
            for i in range(count):
                fh.write(json.dumps({"id": f"p{i}", "text": f"Bài {i}: {filler} https://s{i % 11}.example/a"}) + "\n")
    return path


def children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                found.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def _kill_all(pids: list[int]) -> None:
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def _wchan(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/wchan") as fh:
            return fh.read().strip()
    except OSError:
        return ""


def _start(src: Path, out: Path) -> subprocess.Popen[bytes]:
    args = [*verifyctl_argv(), "--lang", "en", "screen", "--jobs", "2", str(src), "-o", str(out)]
    return subprocess.Popen(args, cwd=out.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for_workers(proc: subprocess.Popen[bytes], out: Path, timeout: float = 60) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        if len(workers) >= 2 and out.exists() and out.stat().st_size > 0:
            return workers
        time.sleep(0.01)
    raise AssertionError("the workers never started answering")


@dataclass(frozen=True)
class ParentKilled:
    workers_gone_after: float | None  # seconds; None: still there at the deadline
    stderr_closed_after: float | None


def kill_parent(src: Path, out: Path, deadline: float = 30) -> ParentKilled:
    proc = _start(src, out)
    workers = _wait_for_workers(proc, out)
    closed: list[float] = []
    assert proc.stderr is not None
    stream = proc.stderr
    reader = threading.Thread(target=lambda: (stream.read(), closed.append(time.monotonic())), daemon=True)
    reader.start()
    proc.kill()
    killed = time.monotonic()
    proc.wait()
    gone: float | None = None
    while time.monotonic() - killed < deadline:
        if not any(alive(w) for w in workers):
            gone = time.monotonic() - killed
            break
        time.sleep(0.01)
    reader.join(max(0.0, deadline - (time.monotonic() - killed)))
    _kill_all(workers)  # leave nothing behind, whatever the outcome
    return ParentKilled(gone, closed[0] - killed if closed else None)


@dataclass(frozen=True)
class WorkerKilled:
    returncode: int | None  # None: still running at the deadline
    seconds: float  # from the kill to the parent's exit
    stderr: str
    mid_answer: bool  # the worker was seen blocked in pipe_write when it was killed


def kill_worker_mid_answer(src: Path, out: Path, deadline: float = 60) -> WorkerKilled:
    proc = _start(src, out)
    workers = _wait_for_workers(proc, out)
    os.kill(proc.pid, signal.SIGSTOP)
    victim, mid = workers[0], False
    try:
        wait_until = time.monotonic() + 10
        while time.monotonic() < wait_until and not mid:
            for w in workers:
                if _wchan(w).endswith("pipe_write"):  # "anon_pipe_write" on newer kernels
                    victim, mid = w, True
                    break
            else:
                time.sleep(0.01)
        os.kill(victim, signal.SIGKILL)
    finally:
        killed = time.monotonic()
        os.kill(proc.pid, signal.SIGCONT)
    try:
        _, err = proc.communicate(timeout=deadline)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        _kill_all(workers)  # else a worker left behind keeps stderr open and this waits for ever
        _, err = proc.communicate()
        code = None
    seconds = time.monotonic() - killed
    _kill_all(workers)
    return WorkerKilled(code, seconds, err.decode("utf-8", "replace"), mid)
