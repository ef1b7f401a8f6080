"""Worker faults, many times over (issue 19 targets; not run in CI):

- a worker SIGKILLed while it writes an answer: the run must stop with exit 2 within 10 s;
- the parent SIGKILLed: every worker must be gone within 5 s (and the parent's stderr closed).

Prints how many of the runs met the target and the slowest time.

    python benchmarks/bench_worker_faults.py [RUNS]      # default 200
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "robust"))

from robust_workers import big_posts, kill_parent, kill_worker_mid_answer

WORKER_TARGET = 10.0
PARENT_TARGET = 5.0


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        src = big_posts(tmp / "posts.jsonl")
        ok = mid = 0
        slowest = 0.0
        for i in range(runs):
            out = tmp / f"w{i}.jsonl"
            result = kill_worker_mid_answer(src, out)
            out.unlink(missing_ok=True)
            mid += result.mid_answer
            slowest = max(slowest, result.seconds)
            if result.returncode == 2 and result.seconds < WORKER_TARGET and "worker process died" in result.stderr:
                ok += 1
            else:
                print(f"  run {i}: exit {result.returncode} after {result.seconds:.1f} s: {result.stderr.strip()[:200]}")
        print(f"worker killed mid-answer: exit 2 within {WORKER_TARGET:.0f} s in {ok} of {runs} runs "
              f"({mid} killed while blocked writing the answer); slowest {slowest:.2f} s")
        ok = 0
        slowest_gone = slowest_closed = 0.0
        for i in range(runs):
            out = tmp / f"p{i}.jsonl"
            result = kill_parent(src, out)
            out.unlink(missing_ok=True)
            gone, closed = result.workers_gone_after, result.stderr_closed_after
            if gone is not None and closed is not None and gone < PARENT_TARGET and closed < PARENT_TARGET:
                ok += 1
                slowest_gone, slowest_closed = max(slowest_gone, gone), max(slowest_closed, closed)
            else:
                print(f"  run {i}: workers gone after {gone}, stderr closed after {closed}")
        print(f"parent killed: workers gone and stderr closed within {PARENT_TARGET:.0f} s in {ok} of {runs} runs; "
              f"slowest {slowest_gone:.2f} s / {slowest_closed:.2f} s")


if __name__ == "__main__":
    main()
