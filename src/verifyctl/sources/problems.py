"""A problem found in a source list: where, how bad, what, and which check found it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from verifyctl.i18n import Lang, Msg

Level = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    col: int
    level: Level
    message: Msg
    check: str
    # The problem is about something missing (a key, a date, a successor): after a YAML syntax
    # error the broken line is blanked to go on, and such problems near it may be artefacts.
    absence: bool = False
    # The file of the list it is in, when not the entry file (one the entry file includes).
    file: str = ""

    def where(self, path: str) -> str:
        """The problem's file: its own, else `path` (the entry file's)."""
        return self.file or path

    def text(self, path: str, lang: Lang) -> str:
        """yamllint's shape: `file:line:col: level: message (check-id)`."""
        return f"{self.where(path)}:{self.line}:{self.col}: {self.level}: {self.message.get(lang)} ({self.check})"


def error(pos: tuple[int, int], check: str, vi: str, en: str, *, absence: bool = False) -> Problem:
    return Problem(pos[0], pos[1], "error", Msg(vi, en), check, absence)


def warning(pos: tuple[int, int], check: str, vi: str, en: str) -> Problem:
    return Problem(pos[0], pos[1], "warning", Msg(vi, en), check)
