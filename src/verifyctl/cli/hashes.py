"""`verifyctl hash` and `verifyctl hashes add|validate|import|export`: the picture hash list."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from verifyctl import datafiles, exitcodes
from verifyctl.cli.l10n import command, group, option
from verifyctl.cli.lint import EXIT_HELP, finish, lint_options
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg, current_lang, tr

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_LIST = "data/image_hashes.csv"
LABEL_CHOICE = click.Choice(["fake", "edited", "out_of_context", "official"])


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(tr(Msg("cần ngày dạng YYYY-MM-DD", "expected a date YYYY-MM-DD"))) from None


@command(
    name="hash",
    help=(
        "In các mã băm của ảnh (sha256, pdq, pdq_center) và chất lượng, theo định dạng danh "
        "sách mã băm.\n\nVí dụ:\n\n    verifyctl hash anh.jpg",
        "Print each IMAGE's hashes (sha256, pdq, pdq_center) and quality in the hash-list "
        "format.\n\nExample:\n\n    verifyctl hash photo.jpg",
    ),
)
@click.argument("images", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=Path))
@option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help=("csv: các dòng của danh sách; json: mỗi ảnh một đối tượng.", "csv: hash-list rows; json: one object per image."),
)
def hash_(images: tuple[Path, ...], fmt: str) -> int:
    from verifyctl.image.decode import read_picture
    from verifyctl.image.edit import slug
    from verifyctl.image.hashlist import COLUMNS
    from verifyctl.image.signals import stored_signals

    writer = csv.writer(sys.stdout, lineterminator="\n")
    if fmt == "csv":
        writer.writerow(COLUMNS)
    failed = False
    for path in images:
        try:
            signals = stored_signals(read_picture(path))
        except VerifyctlError as exc:
            print(f"verifyctl: {exc.line(current_lang())}", file=sys.stderr)
            failed = True
            continue
        if fmt == "json":
            record: dict[str, object] = {"image": str(path)}
            for s in signals:
                record[s.signal_type] = s.value
                if s.quality is not None:
                    record[f"{s.signal_type}_quality" if s.signal_type != "pdq" else "quality"] = s.quality
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            for s in signals:
                writer.writerow([s.signal_type, s.value, "" if s.quality is None else s.quality, slug(path.stem), "", "", "", "", ""])
    return exitcodes.INPUT_ERROR if failed else exitcodes.OK


@group(
    help=(
        "Danh sách mã băm ảnh đã biết: thêm, kiểm tra, nhập, xuất.",
        "The known-image hash list: add, validate, import, export.",
    ),
)
def hashes() -> None:
    pass


def _list_option(default: str | None) -> Callable[[F], F]:
    return option(
        "--list",
        "list_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=default,
        show_default=default is not None,
        help=("Tệp danh sách mã băm.", "The hash-list file."),
    )


def _entry_options(f: F) -> F:
    f = option("--first-seen", callback=_date, help=("Ngày ảnh xuất hiện lần đầu (YYYY-MM-DD).", "When the picture was first seen (YYYY-MM-DD)."))(f)
    f = option("--source-url", required=True, help=("Link bài bác bỏ, hoặc ảnh gốc.", "The debunk, or the original."))(f)
    f = option("--note", required=True, help=("Ghi chú tiếng Việt: ảnh này là gì.", "A Vietnamese note: what this picture is."))(f)
    f = option("--label", required=True, type=LABEL_CHOICE, help=("Nhãn của ảnh.", "The picture's label."))(f)
    return f


@hashes.command(
    "add",
    help=(
        "Thêm ảnh vào danh sách (đã kiểm tra) với nhãn, ghi chú và link.\n\nVí dụ:\n\n"
        "    verifyctl hashes add anh.jpg --label fake --note 'Ảnh ghép.' --source-url https://…",
        "Append a validated entry for IMAGE with its label, note and link.\n\nExample:\n\n"
        "    verifyctl hashes add photo.jpg --label fake --note 'Ảnh ghép.' --source-url https://…",
    ),
)
@click.argument("image", type=click.Path(path_type=Path))
@_entry_options
@option("--entry", help=("Mã mục (mặc định: theo tên tệp).", "Entry id (default: from the file name)."))
@_list_option(DEFAULT_LIST)
def add(image: Path, label: str, note: str, source_url: str, first_seen: dt.date | None, entry: str | None, list_path: Path) -> int:
    from verifyctl.image.decode import read_picture
    from verifyctl.image.edit import append, slug
    from verifyctl.image.hashlist import Entry
    from verifyctl.image.pdq import MIN_QUALITY
    from verifyctl.image.signals import stored_signals

    signals = stored_signals(read_picture(image))
    whole = next(s for s in signals if s.signal_type == "pdq")
    if whole.quality is not None and whole.quality < MIN_QUALITY:
        raise VerifyctlError(
            Msg(f"ảnh quá ít chi tiết (chất lượng PDQ {whole.quality} < {MIN_QUALITY}): mã băm không đáng tin",
                f"too little detail (PDQ quality {whole.quality} < {MIN_QUALITY}): its hash would be unreliable"),
            str(image),
        )
    known = Entry(entry or slug(image.stem), label, note.strip(), source_url.strip(), first_seen, dt.date.today(), 0)
    rows = append(list_path, [(known, [(s.signal_type, s.value, s.quality) for s in signals])])
    print(tr(Msg(f"đã thêm mục '{known.id}' ({rows} mã băm) vào {list_path}", f"added entry '{known.id}' ({rows} hashes) to {list_path}")))
    return exitcodes.OK


@hashes.command(
    "validate",
    help=(
        "Kiểm tra danh sách mã băm (mặc định: data/ của bản checkout đang đứng, nếu không thì "
        "danh sách đi kèm): định dạng, trùng lặp, mã chất lượng thấp. Mỗi lỗi một dòng "
        "`tệp:dòng:cột: mức: thông báo (mã-kiểm-tra)`. "
        + EXIT_HELP[0]
        + "\n\nVí dụ:\n\n    verifyctl hashes validate data/image_hashes.csv",
        "Lint a hash list (default: the data/ of the checkout you are in, else the shipped "
        "one): format, duplicates, low-quality hashes. One `file:line:col: level: message "
        "(check-id)` line per problem. "
        + EXIT_HELP[1]
        + "\n\nExample:\n\n    verifyctl hashes validate data/image_hashes.csv",
    ),
)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@lint_options
def validate(files: tuple[Path, ...], fmt: str, strict: bool) -> int:
    from verifyctl.image.hashcheck import CATALOG, hashes_report
    from verifyctl.lint.locate import default_file

    paths = list(files) or [default_file(datafiles.HASHES)]
    return finish([hashes_report(path) for path in paths], CATALOG, fmt, strict)


@hashes.command(
    "import",
    help=(
        "Nhập mã băm từ tệp dòng 'pdq <hex>' của ThreatExchange (--from te) hoặc CSV có cột "
        "signal_type,signal_str (--from csv).\n\nVí dụ:\n\n    verifyctl hashes import te.txt --from te "
        "--label fake --note 'Ảnh giả đã bị bác bỏ.' --source-url https://…",
        "Import hashes from ThreatExchange 'pdq <hex>' lines (--from te) or a CSV with "
        "signal_type,signal_str columns (--from csv).\n\nExample:\n\n    verifyctl hashes import te.txt "
        "--from te --label fake --note 'Ảnh giả đã bị bác bỏ.' --source-url https://…",
    ),
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@option("--from", "source", type=click.Choice(["te", "csv"]), required=True, help=("Định dạng tệp nhập.", "The input format."))
@option("--label", type=LABEL_CHOICE, help=("Nhãn cho các dòng không có nhãn.", "Label for rows that carry none."))
@option("--note", help=("Ghi chú cho các dòng không có.", "Note for rows that carry none."))
@option("--source-url", help=("Link cho các dòng không có.", "Link for rows that carry none."))
@option("--entry-prefix", default="import", show_default=True, help=("Tiền tố mã mục.", "Prefix of new entry ids."))
@_list_option(DEFAULT_LIST)
def import_(file: Path, source: str, label: str | None, note: str | None, source_url: str | None, entry_prefix: str, list_path: Path) -> int:
    from verifyctl.image.edit import append, slug
    from verifyctl.image.hashlist import Entry
    from verifyctl.image.interchange import read_csv, read_te_lines

    text = datafiles.read_text(file)
    items = read_te_lines(text, str(file)) if source == "te" else read_csv(text, str(file))
    today = dt.date.today()
    batches: dict[str, tuple[Entry, list[tuple[str, str, int | None]]]] = {}
    for item in items:
        extra = item.fields
        entry_id = extra.get("entry") or f"{slug(entry_prefix)}-{item.signal_str[:12]}"
        first_seen = extra.get("first_seen")
        added = extra.get("added_on")
        try:
            entry = Entry(
                entry_id,
                extra.get("label") or label or "",
                extra.get("note") or note or "",
                extra.get("source_url") or source_url or "",
                dt.date.fromisoformat(first_seen) if first_seen else None,
                dt.date.fromisoformat(added) if added else today,
                item.line,
            )
        except ValueError:
            raise VerifyctlError(Msg("ngày phải là YYYY-MM-DD", "dates must be YYYY-MM-DD"), f"{file}:{item.line}") from None
        if not entry.label or not entry.note or not entry.source_url:
            raise VerifyctlError(
                Msg("dòng này thiếu label/note/source_url: cho chúng qua --label, --note, --source-url",
                    "this row has no label/note/source_url: give them with --label, --note, --source-url"),
                f"{file}:{item.line}",
            )
        batches.setdefault(entry_id, (entry, []))[1].append((item.signal_type, item.signal_str, item.quality))
    rows = append(list_path, list(batches.values())) if batches else 0
    print(tr(Msg(f"đã nhập {rows} mã băm ({len(batches)} mục) vào {list_path}", f"imported {rows} hashes ({len(batches)} entries) into {list_path}")))
    return exitcodes.OK


@hashes.command(
    "export",
    help=(
        "Xuất danh sách: dòng 'pdq <hex>' cho ThreatExchange (--to te) hoặc CSV "
        "signal_type,signal_str,… (--to csv).\n\nVí dụ:\n\n    verifyctl hashes export --to te > pdq.txt",
        "Export the list: ThreatExchange 'pdq <hex>' lines (--to te) or the "
        "signal_type,signal_str,… CSV (--to csv).\n\nExample:\n\n    verifyctl hashes export --to te > pdq.txt",
    ),
)
@option("--to", "target", type=click.Choice(["te", "csv"]), required=True, help=("Định dạng xuất.", "The output format."))
@_list_option(None)
def export(target: str, list_path: Path | None) -> int:
    from verifyctl.image.hashlist import COLUMNS, load_hashlist
    from verifyctl.image.interchange import te_lines

    path = list_path or datafiles.data_path(datafiles.HASHES)
    if list_path is not None and not list_path.is_file():
        raise VerifyctlError(datafiles.NO_SUCH_FILE, str(list_path))
    hashes_list = load_hashlist(path)
    if target == "te":
        sys.stdout.write(te_lines(hashes_list))
        return exitcodes.OK
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in hashes_list.rows:
        e = hashes_list.entries[row.entry]
        writer.writerow([row.signal_type, row.signal_str, "" if row.quality is None else row.quality, e.id, e.label, e.note,
                         e.source_url, e.first_seen.isoformat() if e.first_seen else "", e.added_on.isoformat()])
    return exitcodes.OK
