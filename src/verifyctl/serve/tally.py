"""The server's log: one summary line per interval (counts by route and status, checks,
latency percentiles), never a line per request. A line per request cost a third of a link
check's time over HTTP, and said nothing more useful than the counts."""

from __future__ import annotations

import logging
import time
from collections import Counter

log = logging.getLogger("verifyctl.serve")

MAX_SAMPLES = 100_000  # latencies kept per interval for the percentiles; the rest only counted


class Tally:
    started: float
    answers: Counter[tuple[str, str, int]]  # (method, route, status) -> requests
    checks: int
    latencies: list[float]

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.started = time.monotonic()
        self.answers = Counter()
        self.checks = 0
        self.latencies = []

    def record(self, method: str, route: str, status: int, seconds: float, checks: int) -> None:
        self.answers[method, route, status] += 1
        self.checks += checks
        if len(self.latencies) < MAX_SAMPLES:
            self.latencies.append(seconds)

    def flush(self) -> None:
        """Log the interval's line (nothing when there were no requests) and start afresh."""
        now = time.monotonic()
        if self.answers:
            log.info("%s", self.line(now - self.started))
        self._reset()

    def line(self, seconds: float) -> str:
        total = sum(self.answers.values())
        parts = ", ".join(f"{m} {r} {s} ×{n}" for (m, r, s), n in sorted(self.answers.items()))
        ordered = sorted(self.latencies)

        def ms(q: float) -> str:
            return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000:.1f} ms"

        return (
            f"{total} requests in {seconds:.1f} s: {parts}; {self.checks} checks; "
            f"latency p50 {ms(0.5)}, p99 {ms(0.99)}, max {ordered[-1] * 1000:.1f} ms"
        )
