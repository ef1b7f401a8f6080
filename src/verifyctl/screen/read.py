"""Every input named on the command line, read in order as one stream of records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.screen import textfile
from verifyctl.screen.detect import Format, detect
from verifyctl.screen.inputs import HEAD_BYTES, InputFile, Inputs
from verifyctl.screen.readers import csvfile, facebook, lines, telegram, twitter
from verifyctl.screen.record import Record, error_record, origin

T = TypeVar("T")


@dataclass(frozen=True)
class ReadOptions:
    format: Format | None = None
    json_fields: lines.JsonFields = field(default_factory=lines.JsonFields)
    csv_columns: csvfile.CsvColumns = field(default_factory=csvfile.CsvColumns)


def input_files(inputs: Inputs, args: list[str]) -> list[InputFile]:
    """The files to read; a missing input stops the run before anything is written."""
    return [f for arg in args for f in inputs.expand(arg)]


def read_inputs(files: list[InputFile], options: ReadOptions) -> Iterator[Record]:
    """All records of all files. A file that cannot be opened or recognised becomes one
    error record (after the ones before it), so a bad file in a folder does not stop the run."""
    return lines.records_of(read_units(files, options, lines.BLOCK_LINES))


def read_units(files: list[InputFile], options: ReadOptions, size: int) -> Iterator[Record | lines.LineBlock]:
    """`read_inputs`, with JSON Lines left in blocks of `size` lines for the workers to open."""
    for src in files:
        try:
            fmt = options.format or _detect(src)
            if fmt in ("text", "csv", "jsonl"):
                textfile.refuse_binary(src)
            if fmt == "jsonl":
                yield from _reading(src, lines.cut(src, options.json_fields, size))
            else:
                yield from read_file(src, fmt, options)
        except VerifyctlError as exc:
            yield error_record(origin(src.name, 0), exc)


def _detect(src: InputFile) -> Format:
    with src.open() as stream:
        try:
            head = stream.read(HEAD_BYTES)
        except (OSError, EOFError) as exc:
            raise VerifyctlError(Msg(f"không đọc được ({exc})", f"cannot read ({exc})"), src.name) from None
    return detect(src.name, head)


def read_file(src: InputFile, fmt: Format, options: ReadOptions) -> Iterator[Record]:
    if fmt == "facebook":
        reader = facebook.read(src)
    elif fmt == "telegram":
        reader = telegram.read(src)
    elif fmt == "twitter":
        reader = twitter.read(src)
    elif fmt == "csv":
        reader = csvfile.read(src, options.csv_columns)
    elif fmt == "jsonl":
        reader = lines.read_jsonl(src, options.json_fields)
    else:
        reader = lines.read_text(src)
    return _reading(src, reader)


def _reading(src: InputFile, reader: Iterator[T]) -> Iterator[T]:
    try:
        yield from reader
    except (OSError, EOFError) as exc:
        # gzip or zip data that ends early, a read error on the disk: what was read stands.
        raise VerifyctlError(
            Msg(f"không đọc tiếp được ({exc})", f"cannot read further ({exc})"), src.name
        ) from None
