"""The one place that turns results into an exit code (DESIGN.md)."""

from __future__ import annotations

from collections.abc import Iterable

from verifyctl.verdict import Verdict

OK = 0
FAILED = 1
INPUT_ERROR = 2
INTERNAL_ERROR = 3
INTERRUPTED = 130


def exit_code(verdicts: Iterable[Verdict], fail_on: Verdict = Verdict.VERIFY) -> int:
    """2 if any record could not be read, else 1 if any verdict reaches `fail_on`, else 0."""
    code = OK
    for verdict in verdicts:
        if verdict is Verdict.ERROR:
            return INPUT_ERROR
        if verdict.rank >= fail_on.rank:
            code = FAILED
    return code
