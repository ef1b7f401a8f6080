"""`sources validate` as a library: a file's text in, its problems out (never raises on content).

A YAML syntax error stops a parser, which would hide every other problem in the file. So the
broken line is blanked (line numbers stay) and the file parsed again, up to `MAX_RECOVERY`
times; the other checks then run on what could be read. Problems about something *missing*
inside an entry that lost a line are dropped, since the blanking may have caused them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Any

from verifyctl import yamlsafe
from verifyctl.errors import DataFileError
from verifyctl.i18n import Msg
from verifyctl.sources.checks import Context, run_checks
from verifyctl.sources.problems import Problem
from verifyctl.sources.schema import check_shape
from verifyctl.yamlsafe import YList, YMap

MAX_RECOVERY = 20
DEFAULT_MAX_AGE = 365
_DUPLICATE = re.compile(r'^duplicate key "(?P<key>.*)" \(first at line (?P<line>\d+)\)$')


def validate_text(
    text: str, path: str, *, today: dt.date | None = None, max_age: int = DEFAULT_MAX_AGE
) -> list[Problem]:
    parsed, tree, syntax, blanked = _parse_with_recovery(text, path)
    problems = [syntax] if syntax else []
    if parsed:
        found = list(check_shape(tree))
        if isinstance(tree, YMap):
            found += run_checks(Context(tree, today or dt.date.today(), max_age))
        if blanked:
            found = _without_artefacts(found, tree, blanked)
        problems += found
    return sorted(problems, key=lambda p: (p.line, p.col))


def _parse_with_recovery(text: str, path: str) -> tuple[bool, Any, Problem | None, list[int]]:
    """(parsed at all, the tree, the first syntax problem, the lines blanked to get there)."""
    lines = text.split("\n")
    first: Problem | None = None
    blanked: list[int] = []
    for _ in range(MAX_RECOVERY + 1):
        try:
            return True, yamlsafe.load_yaml("\n".join(lines), path), first, blanked
        except DataFileError as exc:
            line = exc.lineno or 1
            if first is None:
                first = Problem(line, exc.col or 1, "error", _syntax_message(exc.message), "syntax")
            if line in blanked or not 1 <= line <= len(lines):
                break
            blanked.append(line)
            lines[line - 1] = ""
    return False, None, first, blanked


def _syntax_message(message: Msg) -> Msg:
    text = message.en
    match = _DUPLICATE.match(text)
    if match:
        return Msg(
            f'khóa trùng lặp "{match["key"]}" (lần đầu ở dòng {match["line"]})',
            f'duplicate key "{match["key"]}" (first at line {match["line"]})',
        )
    if text.startswith("YAML syntax error: "):
        detail = text.removeprefix("YAML syntax error: ")
        return Msg(f"lỗi cú pháp YAML: {detail}", text)
    return message


def _without_artefacts(problems: list[Problem], tree: Any, blanked: list[int]) -> list[Problem]:
    """Drop `absence` problems in an entry (a list item of a top-level section) that lost a line."""
    starts = sorted(_entry_starts(tree))
    touched = {bisect.bisect_right(starts, line) for line in blanked}
    return [p for p in problems if not (p.absence and bisect.bisect_right(starts, p.line) in touched)]


def _entry_starts(tree: Any) -> list[int]:
    if not isinstance(tree, YMap):
        return [1]
    starts = [1]
    for key, value in tree.items():
        starts.append(tree.at(key)[0])
        if isinstance(value, YList):
            starts += [value.at(i)[0] for i in range(len(value))]
    return starts
