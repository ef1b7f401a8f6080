"""The hash list as an attack surface: every malformed line is named by its number, through
the library and the installed CLI; garbage never crashes the loader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from robust_support import BUDGET

from cli_support import RunCli
from verifyctl.errors import DataFileError
from verifyctl.image.hashlist import COLUMNS, load_hashlist, parse_hashlist

HEADER = ",".join(COLUMNS) + "\n"
GOOD = "pdq,{h},90,entry-{n},fake,Ảnh giả,https://nhandan.vn/x,2024-01-01,2024-02-01\n"


def good(n: int) -> str:
    return GOOD.format(h=f"{n:064x}", n=n)


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ("pdq,zz,90,e,fake,n,https://a.vn/x,2024-01-01,2024-02-01\n", "64 hex"),
        ("pdq," + "a" * 64 + ",90,e,fake,n\n", "columns"),
        ("pdq," + "a" * 64 + ",999,e,fake,n,https://a.vn/x,2024-01-01,2024-02-01\n", "quality"),
        ("md5," + "a" * 64 + ",90,e,fake,n,https://a.vn/x,2024-01-01,2024-02-01\n", "md5"),
        ("pdq," + "a" * 64 + ",90,e,true,n,https://a.vn/x,2024-01-01,2024-02-01\n", "label"),
        ("pdq," + "a" * 64 + ",90,e,fake,n,javascript:alert(1),2024-01-01,2024-02-01\n", "source_url"),
        ("pdq," + "a" * 64 + ",90,e,fake,n,https://a.vn/x,yesterday,2024-02-01\n", "first_seen"),
        ('pdq,"' + "a" * 64 + ',90,e,fake,n,https://a.vn/x,2024-01-01,2024-02-01\n', ""),
        ("pdq," + "a" * 64 + ",90,e,fake," + "n" * 5000 + ",https://a.vn/x,2024-01-01,2024-02-01\n", "longer"),
    ],
    ids=["hex", "columns", "quality", "signal-type", "label", "url", "date", "open-quote", "huge-field"],
)
def test_a_malformed_line_is_named(tmp_path: Path, run_cli: RunCli, bad: str, words: str) -> None:
    path = tmp_path / "hashes.csv"
    path.write_text(HEADER + good(1) + good(2) + bad + good(3), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_hashlist(path)
    assert caught.value.lineno == 4
    assert words.lower() in caught.value.line("en").lower()
    proc = run_cli("hashes", "validate", str(path), "--lang", "en")
    assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr
    assert "hashes.csv:4" in proc.stdout + proc.stderr


def test_a_duplicate_hash_names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "hashes.csv"
    path.write_text(HEADER + good(1) + good(2) + good(1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_hashlist(path)
    assert caught.value.lineno == 4 and "line 2" in caught.value.line("en")


@BUDGET
@given(body=st.lists(st.sampled_from([*"pdq,sha256\"\n\r0af9-:/ ", "fake", "https://", "\x00", "é"]), max_size=120).map("".join))
def test_any_text_is_a_list_or_problems_with_lines(body: str) -> None:
    hashes = parse_hashlist(HEADER + body, "h.csv")
    lines = len(re.split(r"\r\n|\r|\n", HEADER + body)) + 1  # csv counts a lone CR as a line end
    for problem in hashes.problems:
        assert 1 <= problem.line <= lines
