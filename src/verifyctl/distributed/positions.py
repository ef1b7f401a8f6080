"""Where each record of a JSON Lines or CSV file starts and ends, found by the client in one
pass so it can cut the file into blocks of whole records.

Records are counted exactly as the screen readers count them (blank lines skipped, an overlong
line or a damaged CSV row still a record): that is what gives each block the `index` and
`line` of its first record.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from verifyctl.distributed.blocks import BlockFormat
from verifyctl.screen.readers import csvfile, lines

_BOM = b"\xef\xbb\xbf"

# (index, line, next line): a record's position in its file, and the physical line number
# just after it.
Position = tuple[int, int, int]


class JsonlPositions:
    """`lines.read_jsonl`'s records. `offset()` is the byte offset just after the record last
    yielded; it is asked for only where a block is cut, since each call costs a seek."""

    fmt: BlockFormat = "jsonl"
    header = b""
    data_start = 0
    first_line = 1

    def __init__(self, path: str) -> None:
        self._path = path
        self._fh: BinaryIO | None = None
        self._end = 0

    def __iter__(self) -> Iterator[Position]:
        with open(self._path, "rb") as fh:
            self._fh = fh
            index = 0
            for lineno, raw in lines.raw_lines(fh):
                if raw is not None and not raw.strip():
                    continue
                index += 1
                yield index, lineno, lineno + 1
            self._end = fh.tell()
        self._fh = None

    def offset(self) -> int:
        return self._fh.tell() if self._fh is not None else self._end


class CsvPositions:
    """`csvfile.read`'s records: same decoding, same one-line header, same delimiter rule,
    blank rows skipped, a damaged row still a record."""

    fmt: BlockFormat = "csv"
    first_line = 2

    def __init__(self, path: str, name: str) -> None:
        self._path = path
        with open(path, "rb") as fh:
            bom = _BOM if fh.read(len(_BOM)) == _BOM else b""
            fh.seek(0)
            with io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline="") as stream:
                head = stream.readline()
        self.header = bom + _encoded(head)  # every block starts with it: the reader needs it
        self.data_start = len(self.header)
        self.delimiter = _delimiter(name, head)
        self._offset = self.data_start

    def __iter__(self) -> Iterator[Position]:
        # Fields as wide as csvfile.read allows, so both count the same records.
        with csvfile.wide_fields(), open(self._path, "rb") as fh:
            fh.seek(self.data_start)
            stream = io.TextIOWrapper(fh, encoding="utf-8", errors="surrogateescape", newline="")
            reader = csv.reader(self._counted(stream), delimiter=self.delimiter)
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
                yield index, line, reader.line_num + 2

    def _counted(self, stream: io.TextIOWrapper) -> Iterator[str]:
        """The stream's lines, counting the bytes they came from (surrogateescape
        round-trips every byte)."""
        while line := stream.readline():
            self._offset += len(_encoded(line))
            yield line

    def offset(self) -> int:
        return self._offset


def _delimiter(name: str, head: str) -> str:
    """`csvfile.read`'s rule: tab for .tsv, or a header with tabs and no comma."""
    tsv = name.lower().removesuffix(".gz").endswith(".tsv")
    return "\t" if tsv or ("\t" in head and "," not in head) else ","


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")
