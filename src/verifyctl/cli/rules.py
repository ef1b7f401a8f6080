"""`verifyctl rules validate|test|list`: the flagged-phrase rule file, checked like code."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from verifyctl import datafiles, exitcodes
from verifyctl.cli.l10n import group
from verifyctl.cli.lint import EXIT_HELP, finish, lint_options
from verifyctl.cli.options import format_option, resolve_format
from verifyctl.errors import DataFileError
from verifyctl.i18n import Msg, current_lang, tr


@group(
    help=(
        "Tệp quy tắc cảnh báo (data/rules.yaml): kiểm tra cú pháp, chạy ví dụ, liệt kê.",
        "The flagged-phrase rule file (data/rules.yaml): lint it, run its examples, list it.",
    )
)
def rules() -> None:
    pass


def _rule_file(file: str | None) -> Path:
    if file:
        path = Path(file)
        if not path.is_file():
            raise DataFileError(datafiles.NO_SUCH_FILE, str(path))
        return path
    return datafiles.data_path(datafiles.RULES)


@rules.command(
    help=(
        "Kiểm tra tệp quy tắc (mặc định: data/ của bản checkout đang đứng, nếu không thì tệp "
        "đi kèm): lược đồ, id trùng, cụm từ quá ngắn hoặc trùng, biểu thức chính quy không an "
        "toàn, quy tắc thiếu ví dụ. Mỗi lỗi một dòng `tệp:dòng:cột: mức: thông báo (mã-kiểm-tra)`. "
        + EXIT_HELP[0]
        + "\n\nVí dụ:\n\n    verifyctl rules validate data/rules.yaml\n\n"
        "    verifyctl rules validate --format sarif > rules.sarif",
        "Lint the rule file (default: the data/ of the checkout you are in, else the shipped "
        "one): schema, duplicate ids, too-short or duplicate phrases, unsafe regexes, rules "
        "without enough examples. One `file:line:col: level: message (check-id)` line per "
        "problem. "
        + EXIT_HELP[1]
        + "\n\nExample:\n\n    verifyctl rules validate data/rules.yaml\n\n"
        "    verifyctl rules validate --format sarif > rules.sarif",
    )
)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@lint_options
def validate(files: tuple[Path, ...], fmt: str, strict: bool) -> int:
    from verifyctl.lint.locate import default_file
    from verifyctl.text.rulecheck import CATALOG, rules_report

    paths = list(files) or [default_file(datafiles.RULES)]
    return finish([rules_report(path) for path in paths], CATALOG, fmt, strict)


@rules.command(
    name="test",
    help=(
        "Chạy mọi ví dụ match/no_match của từng quy tắc; mã thoát 1 nếu có ví dụ sai."
        "\n\nVí dụ:\n\n    verifyctl rules test",
        "Run every rule's match/no_match examples; exit 1 if any fails.\n\nExample:\n\n"
        "    verifyctl rules test",
    ),
)
@click.argument("file", required=False)
def test_examples(file: str | None) -> int:
    from verifyctl.render.human import clean
    from verifyctl.text.rules import load_rules
    from verifyctl.text.ruletest import run_examples

    path = _rule_file(file)
    ruleset = load_rules(path)
    count, failures = run_examples(ruleset)
    for failure in failures:
        expected = (
            Msg("phải khớp nhưng không khớp", "should match but does not")
            if failure.expected == "match"
            else Msg("không được khớp nhưng lại khớp", "should not match but does")
        )
        print(f"{path}:{failure.line}: {failure.rule}: {tr(expected)}: {clean(failure.example)!r}")
    summary = Msg(
        f"{count - len(failures)}/{count} ví dụ đúng, {len(ruleset.rules)} quy tắc.",
        f"{count - len(failures)}/{count} examples pass, {len(ruleset.rules)} rules.",
    )
    print(tr(summary), file=sys.stderr if failures else sys.stdout)
    return exitcodes.FAILED if failures else exitcodes.OK


@rules.command(
    name="list",
    help=(
        "Liệt kê các quy tắc (id, phiên bản, nhóm, kết luận, tiêu đề).\n\nVí dụ:\n\n"
        "    verifyctl rules list --format json",
        "List the rules (id, revision, category, verdict, title).\n\nExample:\n\n"
        "    verifyctl rules list --format json",
    ),
)
@click.argument("file", required=False)
@format_option("human", "json")
def list_rules(file: str | None, fmt: str | None) -> int:
    from verifyctl.text.rules import load_rules

    ruleset = load_rules(_rule_file(file))
    lang = current_lang()
    if resolve_format(fmt) == "json":
        for rule in ruleset.rules:
            record = {
                "id": rule.id,
                "rev": rule.rev,
                "category": rule.category,
                "verdict": rule.verdict.value,
                "title": rule.title.get(lang),
                "message": rule.message.get(lang),
                "patterns": len(rule.patterns),
                "examples": {"match": len(rule.match), "no_match": len(rule.no_match)},
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return exitcodes.OK
    from rich.console import Console
    from rich.table import Table

    from verifyctl.render.human import clean

    table = Table(show_edge=False, header_style="bold")
    for heading in (Msg("id", "id"), Msg("bản", "rev"), Msg("nhóm", "category"), Msg("kết luận", "verdict"), Msg("tiêu đề", "title")):
        table.add_column(tr(heading))
    for rule in ruleset.rules:
        table.add_row(clean(rule.id), str(rule.rev), clean(rule.category), rule.verdict.value, clean(rule.title.get(lang)))
    Console(highlight=False).print(table)
    return exitcodes.OK
