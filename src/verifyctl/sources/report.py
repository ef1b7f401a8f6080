"""`sources validate` on the lint model: the list's checks as a catalog, and one report per
file of a list (its entry file and each file it includes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from verifyctl.datafiles import read_text
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.lint.model import Catalog, CheckInfo, Finding, Level, Report
from verifyctl.sources.checks import CHECKS
from verifyctl.sources.validate import DEFAULT_MAX_AGE, validate_list

_SEE = Msg(
    ' Xem trang "Kiểm tra tệp dữ liệu" của tài liệu (docs/validate.md).',
    ' See the documentation\'s "Validating data files" page (docs/validate.md).',
)


def catalog() -> Catalog:
    """`CHECKS` as the lint model's catalog: the level is a warning where the doc says so."""
    infos = []
    for check_id, check in CHECKS.items():
        level: Level = "warning" if check.doc.en.startswith(("(warning)", "(with --online, warning)")) else "error"
        infos.append(CheckInfo(check_id, level, check.doc, check.doc + _SEE))
    return Catalog("sources", tuple(infos))


def validate_file(
    path: Path, *, today: dt.date, max_age: int = DEFAULT_MAX_AGE, online: bool = False, timeout: float = 10.0
) -> list[Report]:
    """The reports of the list whose entry file is `path`: one per file, the entry file first."""
    try:
        text = read_text(path)
    except VerifyctlError as exc:
        return [Report(str(path), unreadable=exc.as_msg())]
    entry = str(path)
    files, problems = validate_list(text, entry, today=today, max_age=max_age)
    if online and not any(p.level == "error" for p in problems):
        from verifyctl.sources.load import include_path, load_sources
        from verifyctl.sources.online import check_online

        problems += [
            replace(p, file=include_path(entry, p.file)) if p.file else p
            for p in check_online(load_sources(path), timeout=timeout)
        ]
    return [
        Report(name, tuple(Finding(p.line, p.col, p.level, p.message, p.check) for p in problems if p.where(entry) == name))
        for name in files
    ]
