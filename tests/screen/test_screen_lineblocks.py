"""JSON Lines cut into blocks of whole lines (`lines.cut`): the parent counts each block's records
in C and the worker opens it (`LineBlock.records`). Both must give exactly the records that
reading the file line by line gives (`raw_lines`, the streaming reader plain text still uses),
whatever the block size, the stream's read size, blank lines, `\\r\\n` or overlong lines."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
import zlib
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifyctl.errors import VerifyctlError
from verifyctl.screen import journal
from verifyctl.screen.inputs import InputFile
from verifyctl.screen.read import ReadOptions, read_units
from verifyctl.screen.readers import lines
from verifyctl.screen.readers.lines import JsonFields, LineBlock
from verifyctl.screen.record import Record, error_record, origin
from verifyctl.screen.run import _after

FIELDS = JsonFields()
SMALL_MAX = 12  # MAX_LINE while these tests run, so overlong lines are cheap to make


def _source(data: bytes, name: str = "p.jsonl") -> InputFile:
    return InputFile(name, lambda: io.BufferedReader(io.BytesIO(data), buffer_size=16), lambda uri: None)


def _line_by_line(data: bytes, name: str = "p.jsonl") -> Iterator[Record]:
    """The records as the streaming reader makes them, one line at a time."""
    index = 0
    for lineno, raw in lines.raw_lines(io.BytesIO(data)):
        if raw is not None and not raw.strip():
            continue
        index += 1
        where = origin(name, index, lineno)
        if raw is None:
            yield error_record(where, lines.too_long(name, lineno))
        else:
            yield {"jsonl": raw, "fields": FIELDS, "origin": where}


_LINE = st.one_of(
    st.sampled_from([b"", b" ", b"\t \x0b\x0c", b"\r", b"  \r\r", b'{"id": 1}', b'{"a":"\xc3"}', b"x\ry", b"[]"]),
    st.binary(max_size=2 * SMALL_MAX).map(lambda b: b.replace(b"\n", b"")),
    st.integers(SMALL_MAX - 1, 3 * SMALL_MAX).flatmap(lambda n: st.sampled_from([b"y" * n, b" " * n, b"\r" * n])),
)


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(_LINE, max_size=40),
    st.sampled_from([b"", b"\n", b"\r\n"]),
    st.integers(1, 7),
    st.integers(1, 40),
    st.integers(1, 100),
)
def test_blocks_give_the_records_line_by_line_reading_gives(
    body: list[bytes], end: bytes, size: int, read: int, block_bytes: int
) -> None:
    data = b"\n".join(body) + (end if body else b"")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lines, "MAX_LINE", SMALL_MAX)
        patch.setattr(lines, "READ", read)
        patch.setattr(lines, "BLOCK_BYTES", block_bytes)
        expected = list(_line_by_line(data))
        units = list(lines.cut(_source(data), FIELDS, size))
        opened = []
        for unit in units:
            if isinstance(unit, LineBlock):
                records = list(unit.records())
                assert len(records) == unit.count > 0  # the parent's count is the worker's
                assert unit.data.count(b"\n") < size
                # no more than the lines that reached BLOCK_BYTES (and the last read's)
                assert len(unit.data) <= block_bytes + read + SMALL_MAX + size
                opened += records
            else:
                opened.append(unit)
        assert opened == expected
        assert list(lines.read_jsonl(_source(data), FIELDS)) == expected


def test_a_block_holds_size_lines_as_one_piece_of_bytes(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(b"".join(b'{"id": %d}\n' % i for i in range(10)) + b"\n  \n" + b'{"id": 10}')
    units = list(lines.cut(InputFile(str(path), lambda: path.open("rb"), lambda u: None), FIELDS, 4))
    assert [(u.first_line, u.first_index, u.count) for u in units if isinstance(u, LineBlock)] == [
        (1, 1, 4),
        (5, 5, 4),
        (9, 9, 2),  # lines 9-12: two records, then a blank line and a line of spaces
        (13, 11, 1),
    ]
    assert units[0].data == b'{"id": 0}\n{"id": 1}\n{"id": 2}\n{"id": 3}'  # type: ignore[union-attr]


def test_an_overlong_line_is_dropped_as_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent never holds an overlong line whole: past MAX_LINE bytes it becomes an error
    record, and the rest of the line is read and dropped. Here a 16 MiB line, made as it is
    read, goes by with well under 1 MiB held."""
    monkeypatch.setattr(lines, "MAX_LINE", 1000)
    monkeypatch.setattr(lines, "READ", 1 << 16)

    class Stream(io.RawIOBase):
        left = 16 << 20

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            if self.left <= 0:
                return 0
            n = min(len(buffer), self.left)
            buffer[:n] = b"z" * n
            self.left -= n
            return n

    head, rest = b'{"id": 1}\n', b'\n{"id": 2}\n'
    src = InputFile("w.jsonl", lambda: io.BufferedReader(_Chain(head, Stream(), rest)), lambda u: None)
    tracemalloc.start()
    try:
        units = list(lines.cut(src, FIELDS, 10))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [type(u).__name__ for u in units] == ["LineBlock", "dict", "LineBlock"]
    assert "w.jsonl:2: line longer than 1000 bytes" in units[1]["error"]["en"]  # type: ignore[index]
    assert units[2].first_line == 3 and units[2].first_index == 3  # type: ignore[union-attr]
    assert peak < 1 << 20


class _Chain(io.RawIOBase):
    """Bytes, then a stream, then bytes."""

    def __init__(self, head: bytes, middle: io.RawIOBase, tail: bytes) -> None:
        super().__init__()
        self._parts: list[Any] = [io.BytesIO(head), middle, io.BytesIO(tail)]

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._parts:
            n = self._parts[0].readinto(buffer)
            if n:
                return int(n)
            self._parts.pop(0)
        return 0


def test_a_stream_that_fails_keeps_the_whole_lines_read_before(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl.gz"
    body = b"".join(b'{"id": %d, "text": "b\xc3\xa0i %d"}\n' % (i, i * 7919) for i in range(5000))
    packed = gzip.compress(body)
    path.write_bytes(packed[: len(packed) // 2])
    src = InputFile("p.jsonl", lambda: gzip.GzipFile(fileobj=io.BytesIO(path.read_bytes())), lambda u: None)
    got: list[Record] = []
    with pytest.raises(EOFError):
        for unit in lines.cut(src, FIELDS, 1000):
            got += unit.records() if isinstance(unit, LineBlock) else [unit]
    ids = [json.loads(r["jsonl"])["id"] for r in got]
    whole_lines = zlib.decompressobj(31).decompress(packed[: len(packed) // 2]).count(b"\n")
    assert ids == list(range(whole_lines))  # every line that could be unpacked, none after


def _posts(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": f"bài {i}"}) + ("\n\n" if i % 7 == 0 else "\n") for i in range(n)))
    return path


@pytest.mark.parametrize("written", [0, 1, 9, 10, 11, 55, 99, 100])
def test_resume_skips_whole_blocks_and_opens_the_one_it_stopped_in(written: int, tmp_path: Path) -> None:
    src = _posts(tmp_path / "in.jsonl", 100)
    files = [InputFile(str(src), lambda: src.open("rb"), lambda u: None)]
    expected = list(lines.records_of(read_units(files, ReadOptions(), 1)))
    done = journal.Done(written, expected[written - 1]["origin"] if written else None)
    after = list(lines.records_of(_after(read_units(files, ReadOptions(), 10), done)))
    assert after == expected[written:]


@pytest.mark.parametrize("written", [0, 7, 100, 101, 103, 104, 150, 204])
def test_resume_across_files_of_both_kinds(written: int, tmp_path: Path) -> None:
    first, second = _posts(tmp_path / "a.jsonl", 100), _posts(tmp_path / "c.jsonl", 100)
    text = tmp_path / "b.txt"
    text.write_text("một\n\nhai\nba\n", encoding="utf-8")
    files = [InputFile(str(p), partial(p.open, "rb"), lambda u: None) for p in (first, text, second)]
    expected = list(lines.records_of(read_units(files, ReadOptions(), 1)))
    assert len(expected) == 203
    if written > len(expected):
        with pytest.raises(VerifyctlError, match="does not match"):
            list(_after(read_units(files, ReadOptions(), 10), journal.Done(written, expected[-1]["origin"])))
        return
    done = journal.Done(written, expected[written - 1]["origin"] if written else None)
    assert list(lines.records_of(_after(read_units(files, ReadOptions(), 10), done))) == expected[written:]


@pytest.mark.parametrize("last", ["other-index", "other-line"])
def test_resume_inside_a_block_refuses_another_input_before_yielding_anything(last: str, tmp_path: Path) -> None:
    src = _posts(tmp_path / "in.jsonl", 100)
    files = [InputFile(str(src), lambda: src.open("rb"), lambda u: None)]
    expected = list(lines.records_of(read_units(files, ReadOptions(), 1)))
    where = dict(expected[14]["origin"])
    where["index" if last == "other-index" else "line"] += 1
    after = _after(read_units(files, ReadOptions(), 10), journal.Done(15, where))
    with pytest.raises(VerifyctlError, match="does not match"):
        next(after)
