"""Running the installed command the way the hardening findings of issue 19 were found: under an
address-space limit (`ulimit -v`, common in containers), with a timeout, and judging the answer
by the rules every input surface must keep (exit 0, 1 or 2; one clear line; no traceback)."""

from __future__ import annotations

import resource
import subprocess
from pathlib import Path

from robust_support import verifyctl_argv

ADDRESS_SPACE = 2 << 30  # the `ulimit -v 2 GiB` of the findings


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_limited(*args: str, cwd: Path, timeout: float = 120, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The installed CLI under a 2 GiB address-space limit, English messages."""
    proc = subprocess.run(
        [*verifyctl_argv(), "--lang", "en", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
        preexec_fn=_limit,  # the child only sets its own limit
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    )


def assert_clean(proc: subprocess.CompletedProcess[str], *codes: int) -> None:
    """An expected outcome, said in at most one line, and never a crash."""
    allowed = codes or (0, 1, 2)
    assert proc.returncode in allowed, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    said = [line for line in proc.stderr.splitlines() if line.startswith("verifyctl: ")]
    assert len(said) <= 1, proc.stderr[-2000:]
