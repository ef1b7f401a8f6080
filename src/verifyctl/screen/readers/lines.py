"""Line-based inputs: JSON Lines (parsed later, in the worker) and plain text, one post per
line. Both stream, and a line longer than `MAX_LINE` becomes an error record without being held
whole.

JSON Lines is cut into blocks of whole lines (`cut`), each sent to a worker as one piece of bytes:
the parent only splits and counts lines, in C, and the worker makes the records
(`LineBlock.records`). The records are the same as reading the file line by line would give.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from verifyctl.i18n import Msg
from verifyctl.screen.inputs import InputFile
from verifyctl.screen.record import (
    BAD_UTF8,
    Record,
    RecordError,
    error_record,
    has_bad_bytes,
    origin,
    post_record,
)

MAX_LINE = 8 << 20


@dataclass(frozen=True)
class JsonFields:
    """Which JSON Lines fields hold the id, the text and the links."""

    id: str = "id"
    text: str = "text"
    urls: tuple[str, ...] = ("url", "urls")


def raw_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line without its ending); None for a line longer than MAX_LINE."""
    lineno = 0
    while True:
        raw = stream.readline(MAX_LINE + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            while True:  # drop the rest of the overlong line
                rest = stream.readline(1 << 16)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, raw.rstrip(b"\r\n")


def too_long(name: str, lineno: int) -> Msg:
    return Msg(
        f"{name}:{lineno}: dòng dài quá {MAX_LINE} byte",
        f"{name}:{lineno}: line longer than {MAX_LINE} bytes",
    )


def _records(src: InputFile) -> Iterator[tuple[dict[str, Any], bytes | None]]:
    """Each non-blank line with where it is (its record's `origin`); None for a line too long,
    whose error record the caller yields."""
    index = 0
    with src.open() as stream:
        for lineno, raw in raw_lines(stream):
            if raw is not None and not raw.strip():
                continue
            index += 1
            yield origin(src.name, index, lineno), raw


@dataclass(frozen=True, slots=True)
class LineBlock:
    """Whole lines of a JSON Lines file, joined by newlines (the last one's ending left off):
    physical lines from `first_line` on, records from `first_index` on, `count` records in all
    (blank lines are not records; an overlong line is one, an error)."""

    name: str
    fields: JsonFields
    data: bytes
    first_line: int
    first_index: int
    count: int

    def records(self) -> Iterator[Record]:
        """The block's records, as reading its lines one by one gives them (`raw_lines`)."""
        name, fields = self.name, self.fields
        index, lineno = self.first_index, self.first_line - 1
        for raw in self.data.split(b"\n"):
            lineno += 1
            if len(raw) > MAX_LINE:
                yield error_record(origin(name, index, lineno), too_long(name, lineno))
            else:
                raw = raw.rstrip(b"\r")
                if not raw or raw.isspace():
                    continue
                yield {"jsonl": raw, "fields": fields, "origin": {"file": name, "index": index, "line": lineno}}
            index += 1


READ = 1 << 20  # bytes asked of the stream at a time


def cut(
    src: InputFile, fields: JsonFields, size: int, first_line: int = 1, first_index: int = 1
) -> Iterator[LineBlock | Record]:
    """The file as blocks of `size` lines (the last one shorter), in order with the error
    records of overlong lines. `first_line`, `first_index`: where `src` starts inside a bigger
    file (a Dask block). If the stream fails, the whole lines read before are yielded first."""
    blocks = _Blocks(src.name, fields, size, first_line, first_index)
    with src.open() as stream:
        read = getattr(stream, "read1", stream.read)
        tail = b""  # the start of a line whose end is not read yet
        skipping = False  # inside an overlong line, dropping it up to its end
        try:
            while data := read(READ):
                if skipping:
                    end = data.find(b"\n")
                    if end < 0:
                        continue
                    data, skipping = data[end + 1 :], False
                pieces = (tail + data if tail else data).split(b"\n")
                tail = pieces.pop()
                yield from blocks.add(pieces)
                if len(tail) > MAX_LINE:
                    yield from blocks.rest()
                    yield blocks.overlong()
                    tail, skipping = b"", True
        except (OSError, EOFError):
            yield from blocks.rest()
            raise
    if tail:
        blocks.lines.append(tail)
    yield from blocks.rest()


BLOCK_BYTES = 8 << 20


class _Blocks:
    """Lines waiting to be sent, and where the next one is."""

    def __init__(self, name: str, fields: JsonFields, size: int, line: int, index: int) -> None:
        self.name, self.fields, self.size = name, fields, max(size, 1)
        self.lines: list[bytes] = []
        self.held = 0  # bytes in `lines`
        self.line, self.index = line, index

    def add(self, lines: list[bytes]) -> Iterator[LineBlock]:
        """Takes whole lines; a block goes out at `size` lines, or sooner once the lines
        waiting hold BLOCK_BYTES (long posts: memory stays bounded whatever their length)."""
        self.lines += lines
        self.held += sum(map(len, lines))
        while len(self.lines) >= self.size:
            group = self.lines[: self.size]
            del self.lines[: self.size]
            self.held -= sum(map(len, group))
            yield from self._block(group)
        if self.held >= BLOCK_BYTES:
            yield from self.rest()

    def rest(self) -> Iterator[LineBlock]:
        group, self.lines, self.held = self.lines, [], 0
        yield from self._block(group)

    def _block(self, group: list[bytes]) -> Iterator[LineBlock]:
        if not group:
            return
        count = len(group) - _blank(group)
        block = LineBlock(self.name, self.fields, b"\n".join(group), self.line, self.index, count)
        self.line += len(group)
        self.index += count
        if count:
            yield block

    def overlong(self) -> Record:
        line, index = self.line, self.index
        self.line, self.index = line + 1, index + 1
        return error_record(origin(self.name, index, line), too_long(self.name, line))


def _blank(group: list[bytes]) -> int:
    """How many of the lines are blank (nothing but whitespace, carriage returns included),
    counted in C. An overlong line is never blank (it is an error record), whatever it holds."""
    blank = group.count(b"") + sum(map(bytes.isspace, group))
    if blank and max(map(len, group)) > MAX_LINE:
        blank = sum(1 for raw in group if len(raw) <= MAX_LINE and (not raw or raw.isspace()))
    return blank


def records_of(units: Iterable[LineBlock | Record]) -> Iterator[Record]:
    """Blocks opened up into their records."""
    for unit in units:
        if isinstance(unit, LineBlock):
            yield from unit.records()
        else:
            yield unit


def read_jsonl(src: InputFile, fields: JsonFields, first_line: int = 1, first_index: int = 1) -> Iterator[Record]:
    return records_of(cut(src, fields, BLOCK_LINES, first_line, first_index))


BLOCK_LINES = 2000


def read_text(src: InputFile) -> Iterator[Record]:
    for where, raw in _records(src):
        lineno = where["line"]
        if raw is None:
            yield error_record(where, too_long(src.name, lineno))
            continue
        text = raw.decode("utf-8", "surrogateescape")
        if lineno == 1:
            text = text.removeprefix("\ufeff")
        if has_bad_bytes(text):
            yield error_record(where, RecordError(BAD_UTF8, f"{src.name}:{lineno}"))
        else:
            yield post_record(where, text=text.strip())
