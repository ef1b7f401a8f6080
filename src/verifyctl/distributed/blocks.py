"""JSON Lines and CSV files cut into byte ranges of whole records, so that each worker reads
its own part of the file and the client never ships the posts.

The client reads the file once to find the cuts, counting records exactly as the screen
readers do (blank lines skipped, an overlong line or a damaged CSV row still a record). That
is what lets a worker's records carry the same `index` and `line` as the local engine's: the
worker runs the very same reader over its range, told at which line and index it starts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from verifyctl.screen.inputs import InputFile
from verifyctl.screen.read import ReadOptions
from verifyctl.screen.readers import csvfile, lines
from verifyctl.screen.record import Record

BlockFormat = Literal["jsonl", "csv"]
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Block:
    """Bytes `start:end` of `path`, holding `count` records from record `first_index` on."""

    path: str  # absolute: a worker's working directory is not the client's
    name: str  # the file as the local reader names it in `origin`
    fmt: BlockFormat
    start: int
    end: int
    start_line: int  # physical line number at `start`
    first_index: int  # `origin["index"]` of the first record (1-based)
    count: int
    prefix: bytes = b""  # a CSV's header line, which the reader needs before any row

    def records(self, read: ReadOptions) -> Iterator[Record]:
        """The records of this block, as the local reader makes them for the whole file."""
        src = InputFile(self.name, self._open, _no_media)
        if self.fmt == "csv":
            return csvfile.read(src, read.csv_columns, self.start_line, self.first_index)
        return lines.read_jsonl(src, read.json_fields, self.start_line, self.first_index)

    def _open(self) -> io.BufferedReader:
        return io.BufferedReader(_Range(self.path, self.start, self.end, self.prefix))


class _Range(io.RawIOBase):
    """`prefix`, then bytes `start:end` of a file, streamed: the readers hold one line at a
    time (and drop an overlong one) just as they do on the whole file."""

    def __init__(self, path: str, start: int, end: int, prefix: bytes) -> None:
        super().__init__()
        self._fh = open(path, "rb")  # noqa: SIM115 - closed with the stream
        self._fh.seek(start)
        self._left = end - start
        self._prefix = prefix

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._prefix:
            n = min(len(view), len(self._prefix))
            view[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        n = min(len(view), self._left)
        if n <= 0:
            return 0
        got = self._fh.readinto(view[:n])
        self._left -= got
        return got

    def close(self) -> None:
        self._fh.close()
        super().close()


def _no_media(uri: str) -> str | None:
    return None  # JSON Lines and CSV posts carry no pictures


# (index, line, end, next line): a record's position in its file, the byte offset just after
# it and the physical line number there.
Position = tuple[int, int, int, int]


def jsonl_positions(path: str) -> Iterator[Position]:
    """Where each record of a JSON Lines file ends (`lines.read_jsonl`'s counting)."""
    with open(path, "rb") as fh:
        index = 0
        for lineno, raw in lines.raw_lines(fh):
            if raw is not None and not raw.strip():
                continue
            index += 1
            yield index, lineno, fh.tell(), lineno + 1


@dataclass(frozen=True, slots=True)
class CsvLayout:
    header: bytes  # the header line as bytes (with the BOM, if any)
    delimiter: str


def csv_positions(path: str, name: str) -> tuple[CsvLayout, Iterator[Position]]:
    """The header, then where each row ends (`csvfile.read`'s counting: same decoding, same
    header line, same delimiter rule, blank rows skipped, a damaged row still a record)."""
    fh = open(path, "rb")  # noqa: SIM115 - closed by the generator below
    bom = len(_BOM) if fh.read(len(_BOM)) == _BOM else 0
    fh.seek(0)
    stream = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline="")
    head = stream.readline()
    layout = CsvLayout(_encoded(head, bom), _delimiter(name, head))
    return layout, _rows(stream, len(layout.header), layout.delimiter)


def _rows(stream: io.TextIOWrapper, offset: int, delimiter: str) -> Iterator[Position]:
    csv.field_size_limit(lines.MAX_LINE)  # what csvfile.read sets
    with stream:
        counted = _CountedLines(stream, offset)
        reader = csv.reader(counted, delimiter=delimiter)
        index = 0
        while True:
            line = reader.line_num + 2
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error:
                row = None
            if row is not None and not any(cell.strip() for cell in row):
                continue
            index += 1
            yield index, line, counted.offset, reader.line_num + 2


def _delimiter(name: str, head: str) -> str:
    """`csvfile.read`'s rule: tab for .tsv, or a header with tabs and no comma."""
    tsv = name.lower().removesuffix(".gz").endswith(".tsv")
    return "\t" if tsv or ("\t" in head and "," not in head) else ","


def _encoded(text: str, bom: int) -> bytes:
    return _BOM[:bom] + text.encode("utf-8", "surrogateescape")


class _CountedLines:
    """The stream's lines, counting the bytes they came from (surrogateescape round-trips)."""

    def __init__(self, stream: io.TextIOWrapper, offset: int) -> None:
        self._stream = stream
        self.offset = offset

    def __iter__(self) -> _CountedLines:
        return self

    def __next__(self) -> str:
        line = self._stream.readline()
        if not line:
            raise StopIteration
        self.offset += len(line.encode("utf-8", "surrogateescape"))
        return line
