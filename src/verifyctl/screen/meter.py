"""How far through its inputs a run is, when that can be known: every input a plain file on disk
(not stdin, not gzip, not inside a zip), so the total is the sum of their sizes and the place is
how far the reader has read. The progress line shows a percentage and the time left from it;
otherwise it shows the count alone.

The reader runs ahead of the results by the chunks in flight (`lead` records: workers × chunks
per worker × chunk size, tens of thousands). So the place read is scaled by the share of the
records read so far that are done, done / (done + lead); once the reader reaches the end, the
total number of records is known closely enough and the share is done / that total.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from typing import IO

from verifyctl.screen.inputs import GZIP_MAGIC, InputFile


class InputMeter:
    def __init__(self, lead: int = 0) -> None:
        self.lead = lead
        self.total: int | None = None
        self._records: int | None = None  # the records in all, estimated when reading ends
        self._before: list[int] = []  # bytes in the files before each one
        self._open: dict[int, IO[bytes]] = {}  # the latest stream opened on each file
        self._seen: dict[int, int] = {}  # the furthest place read in each file

    def watch(self, files: list[InputFile]) -> list[InputFile]:
        """`files`, each opening through the meter; the total is set when all sizes are known."""
        sizes = [_plain_size(f.name) for f in files]
        if not files or any(size is None for size in sizes):
            return files
        known = [s for s in sizes if s is not None]
        self.total = sum(known)
        self._before = [sum(known[:i]) for i in range(len(known))]
        return [replace(f, open=self._opener(i, f.open)) for i, f in enumerate(files)]

    def _opener(self, index: int, open_: Callable[[], IO[bytes]]) -> Callable[[], IO[bytes]]:
        def opener() -> IO[bytes]:
            stream = open_()
            self._open[index] = stream
            return stream

        return opener

    def fraction(self, done: int) -> float | None:
        """How much of the run is done, from 0 to 1, after `done` records; None when it cannot
        be known."""
        read = self._read()
        if read is None:
            return None
        if read < 1.0:
            return read * done / (done + self.lead) if done else 0.0
        if self._records is None:
            self._records = done + self.lead
        self._records = max(self._records, done)
        return min(0.99, done / self._records)  # 100% is the summary, not a guess

    def _read(self) -> float | None:
        """How much of the input has been read, from 0 to 1."""
        if not self.total:
            return None
        place = 0
        for index, stream in list(self._open.items()):
            with suppress(ValueError, OSError):  # closed: its last place stands
                self._seen[index] = max(self._seen.get(index, 0), stream.tell())
        if self._seen:
            last = max(self._seen)
            place = self._before[last] + self._seen[last]
        return min(1.0, place / self.total)


def _plain_size(name: str) -> int | None:
    if "!" in name or not os.path.isfile(name):
        return None
    try:
        with open(name, "rb") as fh:
            if fh.read(2) == GZIP_MAGIC:
                return None
        return os.path.getsize(name)
    except OSError:
        return None
