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
from dataclasses import dataclass, replace
from typing import Any

from verifyctl import yamlsafe
from verifyctl.datafiles import read_text
from verifyctl.errors import DataFileError, VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.sources.checks import Context, Shared, run_checks
from verifyctl.sources.load import include_names, include_path
from verifyctl.sources.problems import Problem, error
from verifyctl.sources.schema import check_shape, is_include_path
from verifyctl.yamlsafe import YList, YMap

MAX_RECOVERY = 20
DEFAULT_MAX_AGE = 365
_DUPLICATE = re.compile(r'^duplicate key "(?P<key>.*)" \(first at line (?P<line>\d+)\)$')


def validate_text(
    text: str, path: str, *, today: dt.date | None = None, max_age: int = DEFAULT_MAX_AGE
) -> list[Problem]:
    """The problems of the list whose entry file at `path` has this text: the entry file's in
    line order, then each included file's (with `file` set to that file's path)."""
    files = [_parse_file(text, path, included=False)]
    if isinstance(files[0].tree, YMap):
        files += _included(files[0], path)
    shared = Shared.of([f.tree for f in files if isinstance(f.tree, YMap)])
    problems: list[Problem] = []
    for parsed in files:
        found = parsed.problems
        if isinstance(parsed.tree, YMap):
            found += run_checks(Context(parsed.tree, today or dt.date.today(), max_age, parsed.path, shared))
        if parsed.blanked:
            found = _without_artefacts(found, parsed.tree, parsed.blanked)
        found.sort(key=lambda p: (p.line, p.col))
        problems += found if parsed.path == path else [replace(p, file=parsed.path) for p in found]
    return problems


@dataclass
class _Parsed:
    path: str
    tree: Any
    problems: list[Problem]
    blanked: list[int]


def _parse_file(text: str, path: str, *, included: bool) -> _Parsed:
    parsed, tree, syntax, blanked = _parse_with_recovery(text, path)
    problems = [syntax] if syntax else []
    if parsed:
        problems += check_shape(tree, included=included)
    return _Parsed(path, tree if parsed else None, problems, blanked)


def _included(entry: _Parsed, path: str) -> list[_Parsed]:
    """The files the entry file includes; one that cannot be read is a problem of the entry file."""
    files = []
    for name, line, col in include_names(entry.tree):
        if not is_include_path(name):
            continue  # check_shape already said why
        where = include_path(path, name)
        try:
            text = read_text(where)
        except VerifyctlError as exc:
            entry.problems.append(
                error(
                    (line, col),
                    "include",
                    f'không đọc được tệp include "{name}": {exc.message.vi}',
                    f'cannot read the included file "{name}": {exc.message.en}',
                )
            )
            continue
        files.append(_parse_file(text, where, included=True))
    return files


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
