"""The "not a text file" step and the parsers' words, on real bytes (issue 20)."""

from __future__ import annotations

import json

import pytest

from verifyctl.screen.readers.parsewords import csv_reason, json_reason
from verifyctl.screen.textfile import looks_binary


@pytest.mark.parametrize(
    ("head", "binary"),
    [
        ("bài viết một\nbài hai\n".encode(), False),
        ("id,text\n1,bài có byte hỏng \n".encode() + b"\xff\n", False),  # one bad byte: read, the record says so
        ("\ufeffid,text\n".encode("utf-16"), False),  # Excel's "Unicode text": left to the readers
        (b"", False),
        (b"\x7fELF\x02\x01\x01" + bytes(100), True),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", True),
        (b"\x89PNG\r\n\x1a\n" + bytes(50), True),
        (b"text then a NUL\x00 byte", True),
        (bytes(range(128, 256)) * 4, True),  # mostly not UTF-8
    ],
)
def test_looks_binary(head: bytes, binary: bool) -> None:
    assert looks_binary(head) is binary


@pytest.mark.parametrize("line", ['{"a": 1', '{"a" 1}', '{a: 1}', '{"a": "x', '{"a": 1} x', "", '{"a": "\\q"}'])
def test_every_json_error_has_vietnamese_words(line: str) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(line)
    words = json_reason(caught.value.msg)
    assert words.vi != caught.value.msg and words.en != caught.value.msg


def test_walker_and_csv_words() -> None:
    assert json_reason("expected ',' or ']'").vi == "thiếu ',' hoặc ']'"
    assert json_reason("expected ':', the file ends here").vi == "thiếu ':', tệp kết thúc ở đây"
    assert csv_reason("field larger than field limit (131072)").vi == "một ô quá dài"
    assert csv_reason("something new").vi == "something new"  # kept, not lost
