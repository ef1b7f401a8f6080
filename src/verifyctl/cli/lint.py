"""What the three `validate` commands share: `--format`/`--strict`, the default file, and one
function that prints the findings, the run's log and decides the exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from verifyctl import exitcodes
from verifyctl.cli.l10n import option
from verifyctl.i18n import current_lang
from verifyctl.lint.model import Catalog, Report
from verifyctl.lint.output import FORMATS, log_lines, render

F = TypeVar("F", bound=Callable[..., Any])

EXIT_HELP = (
    "Mã thoát 0: sạch; 1: có lỗi (cảnh báo chỉ tính khi có --strict); 2: không đọc được tệp.",
    "Exit 0: clean; 1: errors found (warnings count only with --strict); 2: a file could not be read.",
)


def lint_options(f: F) -> F:
    f = option(
        "--strict",
        is_flag=True,
        help=("Cảnh báo cũng làm mã thoát là 1.", "Warnings also make the exit code 1."),
    )(f)
    return option(  # type: ignore[no-any-return]
        "--format",
        "fmt",
        type=click.Choice(list(FORMATS)),
        default="text",
        show_default=True,
        help=(
            "text: một dòng tệp:dòng:cột mỗi lỗi; json: một đối tượng JSON mỗi dòng; github: chú "
            "thích GitHub Actions; sarif: một tệp SARIF 2.1.0 (GitHub code scanning).",
            "text: one file:line:col line per problem; json: one JSON object per line; github: "
            "GitHub Actions annotations; sarif: one SARIF 2.1.0 log (GitHub code scanning).",
        ),
    )(f)


def finish(reports: Sequence[Report], catalog: Catalog, fmt: str, strict: bool) -> int:
    lang = current_lang()
    for line in render(reports, catalog, fmt, lang):
        print(line)
    sys.stdout.flush()
    for line in log_lines(reports, lang):
        print(line, file=sys.stderr)
    if any(r.unreadable is not None for r in reports):
        return exitcodes.INPUT_ERROR
    if any(r.errors or (strict and r.warnings) for r in reports):
        return exitcodes.FAILED
    return exitcodes.OK
