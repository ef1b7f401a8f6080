"""`verifyctl sources validate|list|show`: the official-source list, for maintainers and CI."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from verifyctl import exitcodes
from verifyctl.cli.l10n import group, option
from verifyctl.cli.options import format_option, resolve_format
from verifyctl.datafiles import NO_SUCH_FILE, SOURCES, data_path, read_text
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import current_lang
from verifyctl.sources.model import STATES, TIERS, Impersonator, SourceList
from verifyctl.sources.problems import Problem


@group(
    help=(
        "Danh sách nguồn chính thống: kiểm tra tệp (cho CI), liệt kê, xem một nguồn.",
        "The official-source list: validate a file (for CI), list it, show one source.",
    )
)
def sources() -> None:
    pass


@sources.command(
    "validate",
    help=(
        "Kiểm tra FILE (mặc định: danh sách đi kèm) và báo mỗi lỗi một dòng "
        "`tệp:dòng:cột: mức: thông báo (mã-kiểm-tra)`. Mã thoát 0: sạch; 1: có lỗi "
        "(cảnh báo chỉ tính khi có --strict); 2: không đọc được tệp.\n\n"
        "Ví dụ:\n\n    verifyctl sources validate\n\n"
        "    verifyctl sources validate --format github my_sources.yaml",
        "Check FILE (default: the shipped list) and report each problem on one line as "
        "`file:line:col: level: message (check-id)`. Exit 0: clean; 1: problems found "
        "(warnings count only with --strict); 2: a file could not be read.\n\n"
        "Example:\n\n    verifyctl sources validate\n\n"
        "    verifyctl sources validate --format github my_sources.yaml",
    ),
)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, path_type=Path))
@option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help=(
        "text: một dòng mỗi lỗi; json: một đối tượng JSON mỗi dòng; github: chú thích GitHub Actions.",
        "text: one line per problem; json: one JSON object per line; github: GitHub Actions annotations.",
    ),
)
@option(
    "--max-age",
    type=click.IntRange(min=0),
    default=365,
    show_default=True,
    help=(
        "Cảnh báo khi verified_on cũ hơn số ngày này.",
        "Warn when verified_on is older than this many days.",
    ),
)
@option(
    "--strict",
    is_flag=True,
    help=("Cảnh báo cũng làm mã thoát là 1.", "Warnings also make the exit code 1."),
)
@option(
    "--online",
    is_flag=True,
    help=(
        "Thêm: kiểm tra mỗi tên miền đang hoạt động trả lời qua HTTPS và báo chuyển hướng (cần mạng).",
        "Also check that each active domain answers over HTTPS and report redirects (needs network).",
    ),
)
@option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help=("Giới hạn giây cho mỗi yêu cầu với --online.", "Seconds allowed per request with --online."),
)
def validate(
    files: tuple[Path, ...], fmt: str, max_age: int, strict: bool, online: bool, timeout: float
) -> int:
    from verifyctl.sources.validate import validate_text

    paths = list(files) or [data_path(SOURCES)]
    today = dt.date.today()
    code = exitcodes.OK
    for path in paths:
        try:
            text = read_text(path)
        except VerifyctlError as exc:
            print(f"verifyctl: {exc.line(current_lang())}", file=sys.stderr)
            code = exitcodes.INPUT_ERROR
            continue
        problems = validate_text(text, str(path), today=today, max_age=max_age)
        if online and not any(p.level == "error" for p in problems):
            from verifyctl.sources.online import check_online

            problems += check_online(_load_quiet(path), timeout=timeout)
        for problem in problems:
            print(_render(problem, str(path), fmt))
        failing = any(p.level == "error" or strict for p in problems)
        if failing and code == exitcodes.OK:
            code = exitcodes.FAILED
    return code


def _load_quiet(path: Path) -> SourceList:
    from verifyctl.sources.load import load_sources

    return load_sources(path)


def _render(problem: Problem, path: str, fmt: str) -> str:
    path = problem.where(path)
    lang = current_lang()
    message = problem.message.get(lang)
    if fmt == "json":
        return json.dumps(
            {
                "file": path,
                "line": problem.line,
                "column": problem.col,
                "level": problem.level,
                "check": problem.check,
                "message": message,
            },
            ensure_ascii=False,
        )
    if fmt == "github":
        # Workflow commands: properties and message escaped as GitHub documents.
        def esc(text: str, prop: bool = False) -> str:
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return text.replace(":", "%3A").replace(",", "%2C") if prop else text

        return (
            f"::{problem.level} file={esc(path, True)},line={problem.line},col={problem.col},"
            f"title={esc(problem.check, True)}::{esc(message)}"
        )
    return problem.text(path, lang)


def _sources_option(f: click.decorators.FC) -> click.decorators.FC:
    return option(  # type: ignore[no-any-return]
        "--sources",
        "sources_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=("Danh sách nguồn thay cho danh sách đi kèm.", "Source list to use instead of the shipped one."),
    )(f)


def _load(sources_file: Path | None) -> SourceList:
    from verifyctl.sources.load import load_sources

    if sources_file is not None and not sources_file.is_file():
        raise VerifyctlError(NO_SUCH_FILE, str(sources_file))
    return load_sources(sources_file or data_path(SOURCES))


@sources.command(
    "list",
    help=(
        "Liệt kê các nguồn: bảng trên terminal, hoặc --format json|csv.\n\n"
        "Ví dụ:\n\n    verifyctl sources list --tier core\n\n"
        "    verifyctl sources list --province \"Nghệ An\" --state active\n\n"
        "    verifyctl sources list --format csv > nguon.csv",
        "List the sources: a table on a terminal, or --format json|csv.\n\n"
        "Example:\n\n    verifyctl sources list --tier core\n\n"
        "    verifyctl sources list --province \"Nghe An\" --state active\n\n"
        "    verifyctl sources list --format csv > sources.csv",
    ),
)
@format_option("human", "json", "csv")
@option(
    "--tier",
    type=click.Choice(list(TIERS)),
    multiple=True,
    help=("Chỉ các nguồn thuộc hạng này (lặp lại được).", "Only sources of this tier (repeatable)."),
)
@option(
    "--state",
    type=click.Choice(list(STATES)),
    multiple=True,
    help=("Chỉ các nguồn ở trạng thái này (lặp lại được).", "Only sources in this state (repeatable)."),
)
@option(
    "--province",
    multiple=True,
    help=(
        "Chỉ các nguồn của tỉnh này, theo tên (không cần dấu), kể cả các nguồn đã sáp nhập vào "
        "đó (lặp lại được).",
        "Only the sources of this province, by name (diacritics optional), with those merged "
        "into them (repeatable).",
    ),
)
@_sources_option
def list_sources(
    fmt: str | None,
    tier: tuple[str, ...],
    state: tuple[str, ...],
    province: tuple[str, ...],
    sources_file: Path | None,
) -> int:
    from verifyctl.sources.select import select

    data = _load(sources_file)
    chosen = select(data.sources, tier, state, province)
    fmt = resolve_format(fmt)
    if fmt == "json":
        from verifyctl.sources.export import source_dict

        json.dump([source_dict(s, data) for s in chosen], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif fmt == "csv":
        import csv

        from verifyctl.sources.export import CSV_COLUMNS, csv_row

        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_row(s) for s in chosen)
    else:
        from rich.console import Console

        from verifyctl.cli.sources_view import source_table

        Console().print(source_table(chosen, current_lang()))
    return exitcodes.OK


@sources.command(
    "show",
    help=(
        "Xem một nguồn theo id hoặc tên miền (có thể dán cả URL): tên miền, tài khoản, bằng "
        "chứng và lịch sử trạng thái. Mã thoát 1 khi không có trong danh sách.\n\n"
        "Ví dụ:\n\n    verifyctl sources show bptv\n\n    verifyctl sources show https://vov.vn/x",
        "Show one source by id or by domain (a URL works too): its domains, accounts, evidence "
        "and status history. Exit 1 when it is not on the list.\n\n"
        "Example:\n\n    verifyctl sources show bptv\n\n    verifyctl sources show https://vov.vn/x",
    ),
)
@click.argument("query")
@format_option("human", "json")
@_sources_option
def show(query: str, fmt: str | None, sources_file: Path | None) -> int:
    from verifyctl.sources.export import find, impersonator_dict, source_dict

    data = _load(sources_file)
    found = find(data, query)
    lang = current_lang()
    if found is None:
        from verifyctl.render.human import clean

        print(
            f"verifyctl: {clean(query)}: "
            + ("không có trong danh sách nguồn" if lang == "vi" else "not on the source list"),
            file=sys.stderr,
        )
        return exitcodes.FAILED
    fmt = resolve_format(fmt)
    if fmt == "json":
        obj = (
            {"impersonator": impersonator_dict(found)}
            if isinstance(found, Impersonator)
            else source_dict(found, data)
        )
        print(json.dumps(obj, ensure_ascii=False, indent=1))
    else:
        from rich.console import Console

        from verifyctl.cli.sources_view import impersonator_text, source_text

        view = impersonator_text(found, data, lang) if isinstance(found, Impersonator) else source_text(found, data, lang)
        Console(highlight=False).print(view)
    return exitcodes.FAILED if isinstance(found, Impersonator) else exitcodes.OK
