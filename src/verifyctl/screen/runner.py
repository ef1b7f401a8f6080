"""Chunks of records out to worker processes, results back in input order.

At most a few chunks per worker are in flight, so memory stays flat however long the input is
(`Pool.imap` would read the whole input ahead). A chunk is a list of records, or a block of
JSON Lines lines that the worker opens into records itself. Workers serialise their own output
lines and count their own summary, so the parent only reads, writes and adds up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.screen import fastjson
from verifyctl.screen.post import Settings, screener, warm_up
from verifyctl.screen.readers.lines import LineBlock
from verifyctl.screen.record import Record
from verifyctl.screen.summary import Summary

CHUNK = 2000
IN_FLIGHT_PER_JOB = 3

Done = tuple[int, bytes, Summary]


Chunk = list[Record] | LineBlock


def chunked(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


def chunks(units: Iterable[Record | LineBlock], size: int) -> Iterator[Chunk]:
    """Records in lists of `size`; a block of lines (cut to `size` already) goes as it is."""
    batch: list[Record] = []
    for unit in units:
        if isinstance(unit, LineBlock):
            if batch:
                yield batch
                batch = []
            yield unit
        else:
            batch.append(unit)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def screen_chunk(records: Chunk, settings: Settings) -> Done | tuple[str, str]:
    """Runs in a worker: the chunk's output lines as bytes, and its summary. An expected
    failure (a data file that cannot be loaded) comes back as a (vi, en) pair, because
    the error types do not survive pickling."""
    try:
        screen = screener(settings).screen
        summary = Summary()
        add, line = summary.add, fastjson.line
        lines: list[bytes] = []
        for record in records.records() if isinstance(records, LineBlock) else records:
            out = screen(record)
            add(out)
            lines.append(line(out))
    except VerifyctlError as exc:
        return exc.line("vi"), exc.line("en")
    count = len(lines)
    lines.append(b"")
    return count, b"\n".join(lines), summary


def unwrap(result: Done | tuple[str, str]) -> Done:
    """A worker's result, or its expected failure raised again here (local workers and Dask
    partitions alike)."""
    if len(result) == 2:
        vi, en = result
        raise VerifyctlError(Msg(str(vi), str(en)))
    return result


def run_chunks(chunks: Iterable[Chunk], settings: Settings, jobs: int) -> Iterator[Done]:
    warm_up(settings)
    if jobs <= 1:
        for chunk in chunks:
            yield unwrap(screen_chunk(chunk, settings))
        return
    from verifyctl.screen.workers import raise_crash, run_workers

    for answer in run_workers(chunks, settings, jobs, screen_chunk, jobs * IN_FLIGHT_PER_JOB):
        yield unwrap(raise_crash(answer))  # type: ignore[arg-type]
