"""What a validator reports: findings per file, and the checks that can find them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from verifyctl.i18n import Msg

Level = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Finding:
    line: int
    col: int
    level: Level
    message: Msg
    check: str


@dataclass(frozen=True, slots=True)
class CheckInfo:
    """A check's documentation: a one-line description, what to do about it, its usual level."""

    id: str
    level: Level
    short: Msg
    help: Msg


@dataclass(frozen=True, slots=True)
class Catalog:
    """Every check one validator runs, in a stable order (SARIF's `tool.driver.rules`)."""

    tool: str  # "sources", "rules" or "hashes": names the validator in SARIF and the docs
    checks: tuple[CheckInfo, ...]

    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.checks)


@dataclass(frozen=True, slots=True)
class Report:
    """One file's findings; `unreadable` says why the file could not be checked at all (a whole
    line, naming the file and where in it)."""

    path: str
    findings: tuple[Finding, ...] = ()
    unreadable: Msg | None = None
    note: Msg | None = None  # what was in it ("42 sources"), for the run's log

    @property
    def errors(self) -> int:
        return sum(f.level == "error" for f in self.findings) + (self.unreadable is not None)

    @property
    def warnings(self) -> int:
        return sum(f.level == "warning" for f in self.findings)
