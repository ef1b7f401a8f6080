"""Every Safe Browsing canonicalization vector, and the canonical form in results."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from verifyctl.url.canonical import canonicalize, canonicalize_bytes, legacy_ipv4

DATA = Path(__file__).resolve().parent / "data" / "safe_browsing_canonicalization_vectors.tsv"


def _vectors() -> list[tuple[bytes, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        raw, expected = line.split("\t")
        # the file writes control and 0x80-0xff bytes as Python escapes
        rows.append((codecs.escape_decode(raw.encode("utf-8"))[0], expected))
    return rows


VECTORS = _vectors()


def test_every_vector_is_read() -> None:
    assert len(VECTORS) == 36


@pytest.mark.parametrize(("raw", "expected"), VECTORS, ids=[r.decode("latin-1") for r, _ in VECTORS])
def test_vector(raw: bytes, expected: str) -> None:
    assert canonicalize_bytes(raw).decode("ascii") == expected


@pytest.mark.parametrize(
    ("host", "ip"),
    [
        ("123.123.0.0.1", None),
        ("255.0.0.1", "255.0.0.1"),
        ("12.0x12.01234", "12.18.2.156"),
        ("012.034.01.055", "10.28.1.45"),
        ("0x12.0x43.0x44.0x01", "18.67.68.1"),
        ("167838211", "10.1.2.3"),
        ("3279880203", "195.127.0.11"),
        ("4294967295", "255.255.255.255"),
        ("4294967296", None),
        ("nhandan.vn", None),
        ("1.2.3.x", None),
    ],
)
def test_legacy_ipv4(host: str, ip: str | None) -> None:
    assert legacy_ipv4(host) == ip


def test_text_is_escaped_as_utf8() -> None:
    assert canonicalize("http://nhandan.vn/tin tức") == "http://nhandan.vn/tin%20t%E1%BB%A9c"


def test_one_form_for_many_spellings() -> None:
    forms = {
        canonicalize(u)
        for u in (
            "http://NHANDAN.VN./a/../b",
            "http://nhandan.vn/b#x",
            "nhandan.vn/b",
            "http://nhandan.vn:80//b",
            "http://nhandan.vn/%62",
        )
    }
    assert forms == {"http://nhandan.vn/b"}
