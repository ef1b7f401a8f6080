"""Hostile files and streams (issue 19, findings 2-5 and 9), against the installed command under
a 2 GiB address-space limit: every one ends with exit 0, 1 or 2, one clear line or an error
record, and no traceback; nothing an input holds is lost or overwritten."""

from __future__ import annotations

import gzip
import json
import os
import zipfile
from pathlib import Path

import pytest
from robust_exports import facebook, telegram, twitter
from robust_limits import assert_clean, run_limited

NOT_REGULAR = "not a regular file"


def _posts(path: Path, count: int, prefix: str = "p") -> Path:
    lines = [json.dumps({"id": f"{prefix}{i}", "text": f"Bài viết số {i}: tin nội bộ, xem https://s{i % 7}.example/a"}) for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- finding 4: a whole-document export must not reserve 2 GiB before reading 40 bytes


@pytest.mark.parametrize(
    ("name", "body"),
    [("your_posts_1.json", facebook), ("result.json", telegram), ("data/tweets.js", twitter)],
    ids=["facebook", "telegram", "x"],
)
def test_a_small_export_is_read_under_a_2_gib_limit(tmp_path: Path, name: str, body: object) -> None:
    export = tmp_path / "export"
    target = export / name
    target.parent.mkdir(parents=True)
    target.write_bytes(body())  # type: ignore[operator]
    out = tmp_path / "out.jsonl"
    proc = run_limited("screen", str(export), "-o", str(out), cwd=tmp_path)
    assert_clean(proc, 0, 1)
    assert len(_records(out)) == 3 and all(r["verdict"] != "error" for r in _records(out))


# -- finding 5: bombs and reads that never end


def test_a_gzip_bomb_named_result_json_stops_at_the_document_cap(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    # 200 MiB of spaces inside a Telegram document, about 200 KB once compressed.
    with gzip.open(export / "result.json", "wb", compresslevel=9) as fh:
        fh.write(b'{"name": "x", "messages": [')
        block = b" " * (1 << 20)
        for _ in range(200):
            fh.write(block)
        fh.write(b"]}")
    out = tmp_path / "out.jsonl"
    proc = run_limited("screen", str(export), "-o", str(out), cwd=tmp_path)
    assert_clean(proc, 2)
    [record] = _records(out)
    assert record["verdict"] == "error"
    assert "file too large" in record["reasons"][0]["message"]  # type: ignore[index]


@pytest.fixture
def specials(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.jpg"
    os.mkfifo(fifo)
    link = tmp_path / "x.jpg"
    link.symlink_to("/dev/zero")
    return {"device": Path("/dev/zero"), "link": link, "fifo": fifo}


@pytest.mark.parametrize("kind", ["device", "link", "fifo"])
@pytest.mark.parametrize(
    "command", [("check", "--format", "json", "--as", "image"), ("hash",)], ids=["check-image", "hash"]
)
def test_a_device_fifo_or_link_to_one_is_refused_not_read(
    tmp_path: Path, specials: dict[str, Path], kind: str, command: tuple[str, ...]
) -> None:
    proc = run_limited(*command, str(specials[kind]), cwd=tmp_path, timeout=60)
    assert_clean(proc, 2)
    assert NOT_REGULAR in proc.stderr


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_data_file_that_is_a_device_or_fifo_is_refused(tmp_path: Path, specials: dict[str, Path], kind: str) -> None:
    proc = run_limited("sources", "validate", str(specials[kind]), cwd=tmp_path, timeout=60)
    assert_clean(proc, 2)
    assert NOT_REGULAR in proc.stderr


@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_a_folder_holding_a_fifo_or_a_link_to_dev_zero_reads_the_rest(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    _posts(folder / "a.jsonl", 5)
    hostile = folder / "posts.jsonl"
    if kind == "fifo":
        os.mkfifo(hostile)
    else:
        hostile.symlink_to("/dev/zero")
    out = tmp_path / "out.jsonl"
    proc = run_limited("screen", str(folder), "-o", str(out), cwd=tmp_path, timeout=60)
    assert_clean(proc, 2)
    records = _records(out)
    assert [r["id"] for r in records[:5]] == [f"p{i}" for i in range(5)]
    assert records[5]["verdict"] == "error" and NOT_REGULAR in records[5]["reasons"][0]["message"]  # type: ignore[index]


# -- finding 2: the output inside a folder input


def test_an_output_inside_the_folder_input_is_refused_and_left_whole(tmp_path: Path) -> None:
    folder = tmp_path / "f5"
    folder.mkdir()
    before = _posts(folder / "a.jsonl", 100).read_bytes()
    proc = run_limited("screen", str(folder), "-o", str(folder / "a.jsonl"), cwd=tmp_path)
    assert_clean(proc, 2)
    assert "one of the inputs" in proc.stderr
    assert (folder / "a.jsonl").read_bytes() == before


def test_an_input_named_like_the_journal_is_refused_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "f5"
    folder.mkdir()
    _posts(folder / "a.jsonl", 10)
    journal = _posts(folder / "X.html.partial.jsonl", 10, "j")
    before = journal.read_bytes()
    proc = run_limited("screen", str(folder), "-o", str(folder / "X.html"), cwd=tmp_path)
    assert_clean(proc, 2)
    assert journal.read_bytes() == before and not (folder / "X.html").exists()


# -- finding 3: damaged zip members, and --resume past them


def _zip(path: Path, body: bytes, method: int) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr("posts.jsonl", body)
    return path


def _flip(data: bytearray, at: int) -> None:
    data[at] ^= 0xFF


def _damage(kind: str, path: Path, body: bytes) -> None:
    if kind == "crc":  # a stored member with one byte changed: its CRC no longer matches
        data = bytearray(_zip(path, body, zipfile.ZIP_STORED).read_bytes())
        _flip(data, len(data) * 3 // 4)
    else:
        data = bytearray(_zip(path, body, zipfile.ZIP_DEFLATED).read_bytes())
        central = data.rfind(b"PK\x01\x02")
        if kind == "deflate":
            _flip(data, 30 + len("posts.jsonl") + (central - 30) * 3 // 4)
        elif kind == "method":  # a compression method this Python lacks
            data[8:10] = data[central + 10 : central + 12] = (99).to_bytes(2, "little")
        elif kind == "encrypted":
            data[6] |= 1
            data[central + 8] |= 1
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["crc", "deflate", "method", "encrypted"])
def test_a_damaged_zip_member_is_an_error_record_and_resume_gets_past_it(tmp_path: Path, kind: str) -> None:
    body = b"".join(json.dumps({"id": f"p{i}", "text": f"bài {i} " + "nội dung " * (i % 9)}).encode() + b"\n" for i in range(3000))
    archive = tmp_path / "export.zip"
    _damage(kind, archive, body)
    out = tmp_path / "out.jsonl"
    args = ("screen", "--jobs", "2", str(archive), "-o", str(out))
    proc = run_limited(*args, cwd=tmp_path)
    assert_clean(proc, 2)
    full = out.read_bytes()
    records = _records(out)
    last = records[-1]
    assert last["verdict"] == "error" and "export.zip!posts.jsonl" in last["reasons"][0]["message"]  # type: ignore[index]
    # a run stopped half-way, then resumed, ends with the same records
    lines = full.splitlines(keepends=True)
    out.write_bytes(b"".join(lines[: len(lines) // 2]))
    again = run_limited(*args, "--resume", cwd=tmp_path)
    assert_clean(again, 2)
    assert out.read_bytes() == full


# -- finding 9: an output that cannot be synced


@pytest.mark.parametrize("target", ["/dev/null", "/dev/stdout"])
def test_output_to_a_character_device_ends_normally(tmp_path: Path, target: str) -> None:
    src = _posts(tmp_path / "in.jsonl", 20)
    proc = run_limited("screen", str(src), "-o", target, "--output-format", "jsonl", cwd=tmp_path)
    assert_clean(proc, 0, 1)
    if target == "/dev/stdout":
        assert len(proc.stdout.splitlines()) >= 20
