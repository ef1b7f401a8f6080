"""CSV (UTF-8, with or without the BOM Excel writes), CrowdTangle's columns recognised:
`Message` and `Image Text` are the post's text, `Final Link` (else `Link`) its link, `URL` (the
post's own address) its id. Other exports name their columns with `--text-col`, `--url-col`,
`--id-col`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from verifyctl.i18n import Msg
from verifyctl.screen.inputs import InputFile
from verifyctl.screen.readers.lines import MAX_LINE
from verifyctl.screen.readers.parsewords import csv_reason
from verifyctl.screen.record import (
    BAD_UTF8,
    Record,
    RecordError,
    error_record,
    has_bad_bytes,
    origin,
    post_record,
)

TEXT_COLUMNS = ("Message", "Image Text", "text", "message", "content", "body")
URL_COLUMNS = ("Final Link", "Link", "url", "urls", "link")
ID_COLUMNS = ("URL", "id", "ID", "post_id")
DATE_COLUMNS = ("Post Created", "date", "Date", "created_at", "timestamp")


@dataclass(frozen=True)
class CsvColumns:
    """Columns chosen on the command line; empty means "recognise them"."""

    text: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    id: str | None = None


@dataclass(frozen=True)
class _Plan:
    text: list[int]
    urls: list[int]
    id: int | None
    width: int
    date: int | None = None


def _plan(header: list[str], chosen: CsvColumns, where: str) -> _Plan:
    index = {name.strip(): i for i, name in reversed(list(enumerate(header)))}

    def pick(names: tuple[str, ...]) -> list[int]:
        missing = [n for n in names if n not in index]
        if missing:
            raise RecordError(
                Msg(f"không có cột {missing[0]!r} trong dòng tiêu đề", f"no column {missing[0]!r} in the header"),
                where,
            )
        return [index[n] for n in names]

    text = pick(chosen.text) if chosen.text else [index[n] for n in TEXT_COLUMNS if n in index][:2]
    # CrowdTangle: `Final Link` is `Link` after redirects, so it is the one to judge.
    urls = pick(chosen.urls) if chosen.urls else [index[n] for n in URL_COLUMNS if n in index][:1]
    if chosen.id:
        ident: int | None = pick((chosen.id,))[0]
    else:
        ident = next((index[n] for n in ID_COLUMNS if n in index), None)
    if not text and not urls:
        raise RecordError(
            Msg(
                "không nhận ra cột nội dung hay link; chỉ rõ bằng --text-col / --url-col",
                "no text or link column recognised; name them with --text-col / --url-col",
            ),
            where,
        )
    date = next((index[n] for n in DATE_COLUMNS if n in index), None)
    return _Plan(text, urls, ident, len(header), date)


def read(src: InputFile, chosen: CsvColumns, first_line: int = 2, first_index: int = 1) -> Iterator[Record]:
    """`first_line`, `first_index`: where the rows after the header start inside a bigger file
    (a Dask block: its file's header, then a range of rows)."""
    with wide_fields():
        yield from _rows(src, chosen, first_line, first_index)


@contextmanager
def wide_fields() -> Iterator[None]:
    """Fields up to MAX_LINE. The csv module's limit is process-wide: raise it for one file,
    then put it back."""
    previous = csv.field_size_limit(MAX_LINE)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _rows(src: InputFile, chosen: CsvColumns, first_line: int, first_index: int) -> Iterator[Record]:
    with src.open() as raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        head = stream.readline()
        delimiter = "\t" if src.name.lower().removesuffix(".gz").endswith(".tsv") or (
            "\t" in head and "," not in head
        ) else ","
        rows = csv.reader(io.StringIO(head), delimiter=delimiter)
        header = next(rows, [])
        plan = _plan(header, chosen, f"{src.name}:1")
        reader = csv.reader(stream, delimiter=delimiter)
        index = first_index - 1
        while True:
            line = reader.line_num + first_line
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                index += 1
                words = csv_reason(str(exc))
                yield error_record(
                    origin(src.name, index, line),
                    RecordError(Msg(f"CSV hỏng ({words.vi})", f"damaged CSV ({words.en})"), f"{src.name}:{line}"),
                )
                continue
            if not any(cell.strip() for cell in row):
                continue
            index += 1
            yield _row(row, plan, origin(src.name, index, line), f"{src.name}:{line}")


def _row(row: list[str], plan: _Plan, where: dict[str, object], at: str) -> Record:
    if len(row) < plan.width:
        return error_record(
            where,
            RecordError(
                Msg(
                    f"dòng thiếu cột: {len(row)} trên {plan.width} (tệp bị cắt?)",
                    f"row is short: {len(row)} of {plan.width} columns (truncated file?)",
                ),
                at,
            ),
        )
    texts = [row[i] for i in plan.text if row[i].strip()]
    urls = [row[i].strip() for i in plan.urls if row[i].strip()]
    ident = row[plan.id].strip() if plan.id is not None else ""
    date = row[plan.date].strip() if plan.date is not None else ""
    if any(has_bad_bytes(value) for value in (*texts, *urls, ident, date)):
        return error_record(where, RecordError(BAD_UTF8, at))
    # CrowdTangle's id column is the post's own URL: where a moderator finds the post again.
    url = ident if ident.startswith(("https://", "http://")) else None
    return post_record(where, text="\n".join(texts), urls=urls, id=ident or None, date=date or None, url=url)
