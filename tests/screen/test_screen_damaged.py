"""A truncated or garbled file of each format: the damaged records become error records naming
the file and line, and every record around them still comes through, in order."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest
import screen_exports as exports
from screen_helpers import Screen, screen_fixture  # noqa: F401  (the `screen` fixture)


def _nth(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.index(needle, pos + 1)
    return pos


def _garble(path: Path, needle: str, n: int) -> None:
    """Break the JSON syntax just after the n-th `needle` (inside one post)."""
    text = path.read_text(encoding="utf-8")
    at = _nth(text, needle, n) + len(needle)
    path.write_text(text[:at] + "@@" + text[at:], encoding="utf-8")


def _cut(path: Path, needle: str, n: int) -> None:
    """Cut the file in the middle of the post holding the n-th `needle`."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: _nth(text, needle, n)], encoding="utf-8")


JSON_CASES: dict[str, tuple[Callable[[Path], Path], str, int, list[str]]] = {
    # builder, needle, which occurrence of it lies in the 2nd post, verdicts when intact
    "facebook": (lambda d: exports.facebook_export(d / "fb"), '"external_context":', 2, ["share", "dont_share", "verify", "verify", "verify"]),
    "telegram": (lambda d: exports.telegram_export(d / "tg"), '"text_entities":', 3, ["share", "dont_share", "verify", "verify"]),
    "twitter": (lambda d: exports.twitter_export(d / "tw"), '"entities" :', 2, ["share", "dont_share", "verify", "verify"]),
}


@pytest.mark.parametrize("case", sorted(JSON_CASES))
def test_garbled_post_in_json_export(case: str, tmp_path: Path, screen: Screen) -> None:
    build, needle, second, verdicts = JSON_CASES[case]
    path = build(tmp_path)
    _garble(path, needle, second)
    out = screen(path)
    expected = list(verdicts)
    expected[1] = "error"
    assert [o["verdict"] for o in out] == expected
    message = out[1]["reasons"][0]["message"]
    assert path.name in message and "damaged JSON" in message and "next post" in message


@pytest.mark.parametrize("case", sorted(JSON_CASES))
def test_truncated_json_export(case: str, tmp_path: Path, screen: Screen) -> None:
    build, _, _, verdicts = JSON_CASES[case]
    path = build(tmp_path)
    marker = {"facebook": '"timestamp":', "telegram": '"date_unixtime":', "twitter": '"favorite_count" :'}[case]
    # the 3rd post (4th element for Telegram, whose first message is a service message)
    _cut(path, marker, 3 if case != "telegram" else 4)
    out = screen(path)
    assert [o["verdict"] for o in out] == [*verdicts[:2], "error"]
    assert "the rest of the file could not be read" in out[-1]["reasons"][0]["message"]
    assert f"{path.name}:" in out[-1]["reasons"][0]["message"]


def test_wrongly_typed_post(tmp_path: Path, screen: Screen) -> None:
    path = exports.facebook_export(tmp_path / "fb")
    text = path.read_text(encoding="ascii")
    at = _nth(text, '"data": [', 3)  # the 2nd post's own data list (1st is an attachment's)
    path.write_text(text[:at] + '"data": 5, "x": [' + text[at + len('"data": ['):], encoding="ascii")
    out = screen(path)
    assert out[1]["verdict"] == "error"
    assert "'data' should be list, found number" in out[1]["reasons"][0]["message"]
    assert [o["verdict"] for o in out[2:]] == ["verify", "verify", "verify"]


def test_csv_truncated_and_bad_bytes(tmp_path: Path, screen: Screen) -> None:
    path = exports.crowdtangle_csv(tmp_path / "ct.csv")
    raw = path.read_bytes()
    lines = raw.split(b"\n")
    lines[2] = lines[2].replace("Hãy".encode(), b"H\xff\xfey")  # invalid UTF-8 in row 2
    damaged = b"\n".join(lines)
    path.write_bytes(damaged[: damaged.rindex(b"pfbid03") + 3])  # cut inside the last row
    out = screen(path)
    assert [o["verdict"] for o in out] == ["share", "error", "verify", "error"]
    assert "not valid UTF-8" in out[1]["reasons"][0]["message"]
    assert "ct.csv:3" in out[1]["reasons"][0]["message"]
    assert "row is short" in out[3]["reasons"][0]["message"]


def test_jsonl_garbled_and_truncated(tmp_path: Path, screen: Screen) -> None:
    path = exports.jsonl_file(tmp_path / "p.jsonl")
    lines = path.read_bytes().splitlines()
    lines[1] = lines[1][:20] + b"\xc3" + lines[1][20:]  # a cut UTF-8 sequence
    lines.insert(2, b"[1, 2]")
    lines.insert(3, b'{"text": 5}')
    body = b"\n".join(lines)
    path.write_bytes(body[:-7])  # the last line loses its end
    out = screen(path)
    assert [o["verdict"] for o in out] == ["share", "error", "error", "error", "verify", "error"]
    messages = [o["reasons"][0]["message"] for o in out if o["verdict"] == "error"]
    assert "p.jsonl:2" in messages[0] and "UTF-8" in messages[0]
    assert "JSON object" in messages[1]
    assert "'text' should be a string" in messages[2]
    assert "invalid JSON" in messages[3]


def test_text_bad_line_and_overlong(tmp_path: Path, screen: Screen) -> None:
    from verifyctl.screen.readers import lines as lines_module

    path = tmp_path / "p.txt"
    path.write_bytes(b"dong mot\n\xff\xfe hong\n" + b"x" * (lines_module.MAX_LINE + 10) + b"\ndong cuoi\n")
    out = screen(path)
    assert [o["verdict"] for o in out] == ["verify", "error", "error", "verify"]
    assert "longer than" in out[2]["reasons"][0]["message"]


def test_truncated_gzip(tmp_path: Path, screen: Screen) -> None:
    path = tmp_path / "p.jsonl.gz"
    body = "".join(f'{{"id": {i}, "text": "bài {i} có nội dung khác nhau {i * 7919}"}}\n' for i in range(2000))
    packed = gzip.compress(body.encode())
    path.write_bytes(packed[: len(packed) // 2])
    out = screen(path)
    assert out[-1]["verdict"] == "error"
    assert "cannot read further" in out[-1]["reasons"][0]["message"]
    good = [o for o in out if o["verdict"] != "error"]
    assert [o["id"] for o in good] == [str(i) for i in range(len(good))]
    assert len(good) > 100


def test_a_bad_file_among_good_ones(tmp_path: Path, screen: Screen) -> None:
    good = exports.jsonl_file(tmp_path / "a.jsonl")
    bad = tmp_path / "b.json"
    bad.write_text('{"something": "else"}', encoding="utf-8")
    out = screen(good, bad, good)
    assert [o["verdict"] for o in out] == ["share", "dont_share", "verify", "verify", "error", "share", "dont_share", "verify", "verify"]
    assert "--input-format" in out[4]["reasons"][0]["message"]


def test_jsonl_lines_only_the_standard_library_reads_exactly(tmp_path: Path, screen: Screen) -> None:
    """Posts are parsed by orjson, which refuses a lone surrogate escape and `NaN` and rounds
    integers beyond 64 bits: each is read as `json` reads it, and written out as before."""
    path = tmp_path / "p.jsonl"
    path.write_bytes(
        b'{"id": 123456789012345678901234567890, "text": "tin 1"}\n'
        b'{"id": "b", "text": "emoji c\\u1eaft \\ud83d gi\\u1eefa ch\\u1eebng"}\n'
        b'{"id": "c", "text": "tin 3", "score": NaN}\n'
        b'{"id": "d", "text": "tin 4" "x"}\n'
    )
    out = screen(path)
    assert [o["id"] for o in out] == ["123456789012345678901234567890", "b", "c", f"{path}:4"]
    assert [o["verdict"] for o in out] == ["verify", "verify", "verify", "error"]
    assert out[1]["target"] == "emoji cắt ? giữa chừng"  # the half emoji, replaced on output
    assert "invalid JSON (a comma is missing, column 29)" in out[3]["reasons"][0]["message"]
