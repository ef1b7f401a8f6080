"""A byte range of whole records of a JSON Lines or CSV file, read by the worker it is sent to:
the client never ships the posts themselves.

The worker runs the very same reader as the local engine over its range, told at which line
and index the range starts (`positions` finds them), so its records carry the same `index`
and `line` as the local engine's.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from verifyctl.screen.inputs import InputFile
from verifyctl.screen.read import ReadOptions
from verifyctl.screen.readers import csvfile, lines
from verifyctl.screen.record import Record

BlockFormat = Literal["jsonl", "csv"]


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
