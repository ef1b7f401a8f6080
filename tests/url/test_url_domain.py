"""Registrable domains: the same answers as tldextract on its bundled snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest
import tldextract
from url_sources import SOURCES
from url_variants import variants

from verifyctl.url.domain import is_public_suffix, split

REAL = Path(__file__).resolve().parent / "data" / "real_domains.txt"
EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _hosts() -> list[str]:
    lines = REAL.read_text(encoding="utf-8").splitlines()
    hosts = [h.strip() for h in lines if h.strip() and not h.startswith("#")]
    hosts += [
        "a.b.binhphuoc.vn", "x.id.vn", "x.io.vn", "binhphuoc.vn", "gov.vn", "moj.gov.vn",
        "www.ck", "a.www.ck", "b.a.ck", "a.ck", "city.kobe.jp", "a.city.kobe.jp", "x.kobe.jp",
        "foo", "xn--abc", "abc.xn--p1ai", "xn--p1ai", "a.b.c.d.e.co.uk", "nhandan.vn.example.xyz",
        "nhandan.blogspot.com", "localhost", "a.b.c", "xn--nhndan-xc8b.vn", "a.xn--90a3ac",
        "s3.amazonaws.com", "x.github.io",
    ]  # fmt: skip
    for source in SOURCES.sources:
        for domain in source.domains:
            hosts.append(domain.host)
            parts = split(domain.host)
            if parts.label:
                hosts += [h for _, h in variants(domain.host, parts.label, parts.suffix) if h.isascii()]
    return sorted(set(hosts))


def test_agrees_with_tldextract() -> None:
    hosts = _hosts()
    assert len(hosts) > 5000
    differ = []
    for host in hosts:
        theirs = EXTRACT.extract_str(host)
        mine = split(host)
        if (mine.subdomain, mine.label, mine.suffix) != (theirs.subdomain, theirs.domain, theirs.suffix):
            differ.append((host, mine, theirs))
    assert differ == []


@pytest.mark.parametrize(
    ("host", "registrable"),
    [
        ("a.b.binhphuoc.vn", "b.binhphuoc.vn"),
        ("x.id.vn", "x.id.vn"),
        ("www.nhandan.vn", "nhandan.vn"),
        ("en.nhandan.com.vn", "nhandan.com.vn"),
        ("moj.gov.vn", "moj.gov.vn"),
    ],
)
def test_registrable(host: str, registrable: str) -> None:
    assert split(host).registrable == registrable


@pytest.mark.parametrize(("name", "suffix"), [("id.vn", True), ("io.vn", True), ("binhphuoc.vn", True), ("dongnai.vn", True), ("gov.vn", True), ("nhandan.vn", False)])
def test_public_suffixes(name: str, suffix: bool) -> None:
    assert is_public_suffix(name) is suffix
