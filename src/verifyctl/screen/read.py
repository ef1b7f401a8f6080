"""Every input named on the command line, read in order as one stream of records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.screen.detect import Format, detect
from verifyctl.screen.inputs import HEAD_BYTES, InputFile, Inputs
from verifyctl.screen.readers import csvfile, facebook, lines, telegram, twitter
from verifyctl.screen.record import Record, error_record, origin


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
    for src in files:
        try:
            fmt = options.format or _detect(src)
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
    try:
        if fmt == "facebook":
            yield from facebook.read(src)
        elif fmt == "telegram":
            yield from telegram.read(src)
        elif fmt == "twitter":
            yield from twitter.read(src)
        elif fmt == "csv":
            yield from csvfile.read(src, options.csv_columns)
        elif fmt == "jsonl":
            yield from lines.read_jsonl(src, options.json_fields)
        else:
            yield from lines.read_text(src)
    except (OSError, EOFError) as exc:
        # gzip or zip data that ends early, a read error on the disk: what was read stands.
        raise VerifyctlError(
            Msg(f"không đọc tiếp được ({exc})", f"cannot read further ({exc})"), src.name
        ) from None
