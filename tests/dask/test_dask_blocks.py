"""Partitions for the cluster hold exactly the records the local reader makes, in the same
order, with the same `origin` (file, index, line): byte-range blocks of JSON Lines and CSV read
the way workers read them, and everything else as record chunks. No cluster needed."""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from verifyctl.distributed.blocks import Block
from verifyctl.distributed.plan import Part, Skip, partitions
from verifyctl.distributed.worker import screen_part
from verifyctl.errors import VerifyctlError
from verifyctl.screen import journal
from verifyctl.screen.inputs import Inputs
from verifyctl.screen.post import Settings
from verifyctl.screen.read import ReadOptions, input_files, read_inputs
from verifyctl.screen.readers import csvfile, lines
from verifyctl.screen.readers.csvfile import CsvColumns
from verifyctl.screen.readers.lines import JsonFields

JSONL = (
    b'\xef\xbb\xbf{"id": "bom", "text": "d\xc3\xb2ng \xc4\x91\xe1\xba\xa7u c\xc3\xb3 BOM"}\n'
    b'{"id": 1, "text": "Ch\xc3\xa0o", "url": "https://nhandan.vn/a"}\r\n'
    b"\n"
    b"   \t \r\n"
    b'{"id": 2, "urls": ["https://bit.ly/x", "https://vtv.vn/y"]}\n'
    b'{"id": 3, "text": "c\xe1\xba\n'  # cut short, and its bytes are not UTF-8
    b'{"id": 4, "text": "' + b"x" * 300 + b'"}\n'  # overlong once MAX_LINE is lowered
    b"[1, 2]\n"
    b"\n\n"
    b'{"id": 5, "text": "kh\xc3\xb4ng xu\xe1\xbb\x91ng d\xc3\xb2ng cu\xe1\xbb\x91i"}'
)

CSV = (
    "\ufeffPage Name,Message,Link,Final Link,URL\r\n"
    'Trang 1,"Tin sáng nay, Quốc hội họp",http://nhandan.vn/a,https://nhandan.vn/a,https://fb.com/p/1\r\n'
    'Trang 2,"Dòng một\r\ndòng hai\n""trích dẫn"", hết",,,https://fb.com/p/2\r\n'
    ",,,,\r\n"
    "  ,\t, , ,\r\n"
    "Trang 3,thiếu cột\r\n"
    'Trang 4,"' + "y" * 300 + '",,,https://fb.com/p/4\r\n'
    "Trang 5,Chia sẻ trước khi bị xóa,https://bit.ly/z,https://bit.ly/z,\r\n"
    "\r\n"
    'Trang 6,"cuối tệp\nkhông xuống dòng",https://vtv.vn/q,https://vtv.vn/q,https://fb.com/p/6'
).encode()


def _jsonl(d: Path) -> list[Path]:
    path = d / "posts.jsonl"
    path.write_bytes(JSONL)
    return [path]


def _jsonl_trailing_blanks(d: Path) -> list[Path]:
    path = d / "trailing.jsonl"
    path.write_bytes(JSONL + b"\n\r\n  \n\n")
    return [path]


def _csv(d: Path) -> list[Path]:
    path = d / "crowdtangle.csv"
    path.write_bytes(CSV)
    return [path]


def _csv_bad_bytes(d: Path) -> list[Path]:
    path = d / "bad.csv"
    path.write_bytes(CSV.replace("thiếu cột".encode(), b"\xff\xfe,x,y,z"))
    return [path]


def _tsv(d: Path) -> list[Path]:
    path = d / "posts.tsv"
    path.write_text("id\ttext\turl\n1\tChào\thttps://nhandan.vn/a\n\n2\t\"a\tb\"\t\n3\tx\thttps://x.vn\n", "utf-8")
    return [path]


def _csv_no_usable_header(d: Path) -> list[Path]:
    path = d / "other.csv"
    path.write_text("a,b\n1,2\n", "utf-8")
    return [path]


def _mixed(d: Path) -> list[Path]:
    """Plain files (blocks) between files only the client can read (gzip, zip, text)."""
    (d / "in").mkdir()
    gz = d / "in" / "old.jsonl.gz"
    gz.write_bytes(gzip.compress(JSONL))
    with zipfile.ZipFile(d / "export.zip", "w") as zf:
        zf.writestr("posts.csv", CSV)
    text = d / "posts.txt"
    text.write_text("Tin một https://nhandan.vn/a\n\nTin hai\n", "utf-8")
    return [*_jsonl(d), gz, *_csv(d), d / "export.zip", text, *_csv_no_usable_header(d), *_tsv(d)]


FILES: dict[str, Callable[[Path], list[Path]]] = {
    "jsonl": _jsonl,
    "jsonl-trailing-blank-lines": _jsonl_trailing_blanks,
    "csv": _csv,
    "csv-bad-bytes": _csv_bad_bytes,
    "tsv": _tsv,
    "csv-without-usable-columns": _csv_no_usable_header,
    "mixed": _mixed,
}


@pytest.fixture(autouse=True)
def _small_line_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Overlong lines and CSV fields without writing megabytes: the readers read the limit at
    run time, and so does the block planner."""
    monkeypatch.setattr(lines, "MAX_LINE", 200)
    monkeypatch.setattr(csvfile, "MAX_LINE", 200)


def _local(args: list[str], read: ReadOptions) -> list[dict[str, Any]]:
    with Inputs() as inputs:
        return list(read_inputs(input_files(inputs, args), read))


def _planned(args: list[str], read: ReadOptions, size: int, done: journal.Done | None = None) -> tuple[list[dict[str, Any]], list[Part]]:
    with Inputs() as inputs:
        parts = list(partitions(input_files(inputs, args), read, size, Skip(done or journal.Done())))
        records = [r for part in parts for r in (part.records(read) if isinstance(part, Block) else part)]
    return records, parts


@pytest.mark.parametrize("size", [1, 2, 3, 5, 1000])
@pytest.mark.parametrize("case", sorted(FILES))
def test_partitions_hold_the_local_records(case: str, size: int, tmp_path: Path) -> None:
    args = [str(p) for p in FILES[case](tmp_path)]
    read = ReadOptions()
    expected = _local(args, read)
    records, parts = _planned(args, read, size)
    assert records == expected
    assert all(0 < (p.count if isinstance(p, Block) else len(p)) <= size for p in parts)
    for part in parts:
        if isinstance(part, Block):
            assert len(list(part.records(read))) == part.count


@pytest.mark.parametrize(
    ("case", "kinds"),
    [
        ("jsonl", {Block}),
        ("csv", {Block}),
        ("csv-without-usable-columns", {list}),  # its one error record, as the local reader gives it
        ("mixed", {Block, list}),
    ],
)
def test_plain_files_are_blocks_and_the_rest_records(case: str, kinds: set[type], tmp_path: Path) -> None:
    args = [str(p) for p in FILES[case](tmp_path)]
    _, parts = _planned(args, ReadOptions(), 2)
    assert {type(p) for p in parts} == kinds


def test_options_reach_the_workers_reader(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_text('{"ma": "a1", "noi_dung": "Chào", "lien_ket": "https://vtv.vn/x"}\n', "utf-8")
    read = ReadOptions(json_fields=JsonFields("ma", "noi_dung", ("lien_ket",)))
    records, parts = _planned([str(path)], read, 10)
    assert isinstance(parts[0], Block)
    assert records == _local([str(path)], read)
    csv_path = tmp_path / "custom.csv"
    csv_path.write_text("ma,bai,lk\nb2,Xin chào,https://nhandan.vn/\n", "utf-8")
    read = ReadOptions(csv_columns=CsvColumns(("bai",), ("lk",), "ma"))
    records, _ = _planned([str(csv_path)], read, 10)
    assert records == _local([str(csv_path)], read)
    assert records[0]["id"] == "b2"


@pytest.mark.parametrize("skip", [0, 1, 4, 9, 15])
@pytest.mark.parametrize("size", [1, 4])
def test_resume_leaves_out_what_was_written(skip: int, size: int, tmp_path: Path) -> None:
    args = [str(p) for p in _mixed(tmp_path)]
    read = ReadOptions()
    expected = _local(args, read)
    done = journal.Done(skip, expected[skip - 1]["origin"] if skip else None)
    records, _ = _planned(args, read, size, done)
    assert records == expected[skip:]


@pytest.mark.parametrize("case", ["other-origin", "more-than-the-input"])
def test_resume_refuses_another_input(case: str, tmp_path: Path) -> None:
    args = [str(p) for p in _jsonl(tmp_path)]
    expected = _local(args, ReadOptions())
    if case == "other-origin":
        done = journal.Done(3, expected[1]["origin"])
    else:
        done = journal.Done(len(expected) + 1, expected[-1]["origin"])
    with pytest.raises(VerifyctlError, match="cannot resume"):
        _planned(args, ReadOptions(), 2, done)


def test_a_worker_that_cannot_see_the_file_says_so(tmp_path: Path) -> None:
    """With --scheduler the inputs must be at the same path on every worker; a worker that
    cannot open its block answers with one readable message, not a traceback."""
    args = [str(p) for p in _jsonl(tmp_path)]
    _, parts = _planned(args, ReadOptions(), 100)
    block = parts[0]
    assert isinstance(block, Block)
    Path(block.path).rename(tmp_path / "moved.jsonl")
    answer = screen_part(block, Settings(lang="en"), ReadOptions())
    assert isinstance(answer, tuple) and len(answer) == 2
    vi, en = answer
    assert en.startswith(f"{block.path}: a Dask worker cannot read it (No such file or directory)")
    assert "cùng đường dẫn trên mọi worker" in vi
