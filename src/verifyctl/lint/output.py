"""The four shapes of a validator's findings, shared by `sources`, `rules` and `hashes validate`.

- text: yamllint's `file:line:col: level: message (check-id)`, one line per finding;
- json: one object per finding and line (`file`, `line`, `column`, `level`, `check`, `message`);
- github: GitHub Actions workflow commands, which become annotations on the file and line;
- sarif: one SARIF 2.1.0 log (GitHub code scanning reads it), with every check of the
  validator in `tool.driver.rules`.

The run's own report (which files were checked, the summary line) is `log_lines`, written to
stderr by the CLI so that stdout stays machine-readable in every format.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePath
from urllib.parse import quote

from verifyctl import __version__
from verifyctl.i18n import Lang, Msg
from verifyctl.lint.model import Catalog, Finding, Report

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def render(reports: Sequence[Report], catalog: Catalog, fmt: str, lang: Lang) -> Iterator[str]:
    """The findings as lines of stdout (sarif: one document)."""
    if fmt == "sarif":
        yield json.dumps(sarif_log(reports, catalog, lang), ensure_ascii=False, indent=1)
        return
    for report in reports:
        if report.unreadable is not None and fmt == "github":
            # an annotation too, or the CI summary would show a failed step and no reason
            yield f"::error file={_escape(report.path, True)},title=unreadable::{_escape(report.unreadable.get(lang))}"
        for finding in report.findings:
            yield _line(report.path, finding, fmt, lang)


def _line(path: str, f: Finding, fmt: str, lang: Lang) -> str:
    message = f.message.get(lang)
    if fmt == "json":
        record = {"file": path, "line": f.line, "column": f.col, "level": f.level, "check": f.check, "message": message}
        return json.dumps(record, ensure_ascii=False)
    if fmt == "github":
        return (
            f"::{f.level} file={_escape(path, True)},line={f.line},col={f.col},"
            f"title={_escape(f.check, True)}::{_escape(message)}"
        )
    return f"{path}:{f.line}:{f.col}: {f.level}: {message} ({f.check})"


def _escape(text: str, prop: bool = False) -> str:
    """Workflow-command escaping as GitHub documents it (properties escape ':' and ',' too)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def log_lines(reports: Sequence[Report], lang: Lang) -> Iterator[str]:
    """Which files were checked (and what they held), then one summary line."""
    for report in reports:
        if report.unreadable is not None:
            yield f"verifyctl: {report.unreadable.get(lang)}"
            continue
        checked = Msg(f"đã kiểm tra {report.path}", f"checked {report.path}")
        yield (checked + Msg(f" ({report.note.vi})", f" ({report.note.en})")).get(lang) if report.note else checked.get(lang)
    yield summary(reports).get(lang)


def summary(reports: Sequence[Report]) -> Msg:
    files = len(reports)
    errors = sum(r.errors for r in reports)
    warnings = sum(r.warnings for r in reports)

    def en(n: int, word: str) -> str:
        return f"{n} {word}" if n == 1 else f"{n} {word}s"

    return Msg(
        f"{files} tệp, {errors} lỗi, {warnings} cảnh báo",
        f"{en(files, 'file')}, {en(errors, 'error')}, {en(warnings, 'warning')}",
    )


def sarif_log(reports: Sequence[Report], catalog: Catalog, lang: Lang) -> dict[str, object]:
    index = {check.id: i for i, check in enumerate(catalog.checks)}
    rules = [
        {
            "id": check.id,
            "name": "".join(part.capitalize() for part in check.id.split("-")),
            "shortDescription": {"text": check.short.get(lang)},
            "fullDescription": {"text": check.help.get(lang)},
            "help": {"text": check.help.get(lang)},
            "defaultConfiguration": {"level": check.level},
            "properties": {"tags": [f"verifyctl-{catalog.tool}"]},
        }
        for check in catalog.checks
    ]
    results = [
        {
            "ruleId": f.check,
            "ruleIndex": index[f.check],
            "level": f.level,
            "message": {"text": f.message.get(lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(report.path)},
                        # SARIF counts from 1; a finding without a position points at the file's start
                        "region": {"startLine": max(f.line, 1), "startColumn": max(f.col, 1)},
                    }
                }
            ],
        }
        for report in reports
        for f in report.findings
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": report.unreadable.get(lang)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(report.path)}}}],
        }
        for report in reports
        if report.unreadable is not None
    ]
    invocation: dict[str, object] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver = {
        "name": "verifyctl",
        "fullName": f"verifyctl {catalog.tool} validate",
        "version": __version__,
        "rules": rules,
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        # columns count characters (code points), as YAML marks and Python strings do
        "runs": [
            {"tool": {"driver": driver}, "invocations": [invocation], "columnKind": "unicodeCodePoints", "results": results}
        ],
    }


def artifact_uri(path: str) -> str:
    """A relative reference for a path under the current directory (code scanning resolves it
    from the repository root, where CI runs), else an absolute file: URI."""
    pure = Path(path)
    if pure.is_absolute():
        try:
            pure = pure.relative_to(Path.cwd())
        except ValueError:
            return pure.as_uri()
    return quote(PurePath(pure).as_posix())
