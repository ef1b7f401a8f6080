"""The inputs as an ordered stream of partitions: byte-range blocks of plain JSON Lines and CSV
files (read by the workers), and chunks of records for everything else (Facebook, Telegram and
X exports, plain text, gzip, zip members, stdin), read and converted on the client.

Records an earlier run already wrote (`--resume`) are left out here, with the same check as
the local engine: the last one skipped must be the last one written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from verifyctl.distributed.blocks import Block
from verifyctl.distributed.positions import CsvPositions, JsonlPositions
from verifyctl.errors import VerifyctlError
from verifyctl.screen import journal
from verifyctl.screen.detect import Format, detect
from verifyctl.screen.inputs import GZIP_MAGIC, HEAD_BYTES, InputFile
from verifyctl.screen.read import ReadOptions, read_file, read_inputs
from verifyctl.screen.record import Record, origin
from verifyctl.screen.run import MISMATCH
from verifyctl.screen.runner import chunked

Part = Block | list[Record]


class Skip:
    """Answers "already written?" for each record in input order (`--resume`)."""

    def __init__(self, done: journal.Done) -> None:
        self.left = done.count
        self.expected = done.last_origin

    def __call__(self, where: dict[str, Any]) -> bool:
        if not self.left:
            return False
        self.left -= 1
        if not self.left and where != self.expected:
            raise VerifyctlError(MISMATCH)
        return True

    def finish(self) -> None:
        if self.left:
            raise VerifyctlError(MISMATCH)


def partitions(files: list[InputFile], read: ReadOptions, size: int, skip: Skip) -> Iterator[Part]:
    for src in files:
        path = _plain_file(src)
        fmt = _format(src, read) if path else None
        if path and fmt in ("jsonl", "csv") and _readable(src, fmt, read):
            yield from _blocks(src.name, path, fmt, size, skip)
        else:
            # read_inputs turns a file it cannot read into an error record, as locally.
            records = (r for r in read_inputs([src], read) if not skip(r["origin"]))
            yield from chunked(records, size)
    skip.finish()


def _plain_file(src: InputFile) -> str | None:
    """The file's absolute path if workers can read byte ranges of it: a regular file named
    on the command line or inside a folder (not stdin, a zip member or gzip)."""
    if src.name.startswith("<") or not os.path.isfile(src.name):
        return None
    try:
        with open(src.name, "rb") as fh:
            if fh.read(len(GZIP_MAGIC)) == GZIP_MAGIC:
                return None
    except OSError:
        return None
    return os.path.abspath(src.name)


def _format(src: InputFile, read: ReadOptions) -> Format | None:
    if read.format:
        return read.format
    try:
        with src.open() as stream:
            return detect(src.name, stream.read(HEAD_BYTES))
    except (VerifyctlError, OSError):
        return None


def _readable(src: InputFile, fmt: Format, read: ReadOptions) -> bool:
    """Whether the reader gets past the file's start (a CSV header it cannot use fails here)."""
    try:
        next(iter(read_file(src, fmt, read)), None)
    except VerifyctlError:
        return False
    return True


def _blocks(name: str, path: str, fmt: Format, size: int, skip: Skip) -> Iterator[Block]:
    positions = CsvPositions(path, name) if fmt == "csv" else JsonlPositions(path)
    start, line = positions.data_start, positions.first_line
    first = count = 0
    for index, record_line, next_line in positions:
        if skip(origin(name, index, record_line)):
            start, line = positions.offset(), next_line
            continue
        if not count:
            first = index
        count += 1
        if count == size:
            end = positions.offset()
            yield Block(path, name, positions.fmt, start, end, line, first, count, positions.header)
            start, line, count = end, next_line, 0
    if count:  # the last block runs to where reading stopped (past any trailing blank lines)
        yield Block(path, name, positions.fmt, start, positions.offset(), line, first, count, positions.header)
