"""Parsing like a browser: every parser-differential row, paste cleanup, IP notations."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from verifyctl.errors import VerifyctlError
from verifyctl.url.parse import clean_paste, parse

# Copies of ../shared/research files, kept with the tests so they run from any checkout.
RESEARCH = Path(__file__).resolve().parent / "data"


def _differentials() -> list[tuple[str, str, str, str]]:
    rows = []
    text = (RESEARCH / "url_parser_differentials.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        raw, httpx_host, urllib_host, whatwg, _tld = line.split("\t")
        rows.append((ast.literal_eval(raw), httpx_host, urllib_host, whatwg))
    return rows


DIFFERENTIALS = _differentials()


def test_every_differential_row_is_read() -> None:
    assert len(DIFFERENTIALS) >= 19


@pytest.mark.parametrize(("raw", "httpx_host", "urllib_host", "whatwg"), DIFFERENTIALS)
def test_host_is_what_a_browser_opens(raw: str, httpx_host: str, urllib_host: str, whatwg: str) -> None:
    parsed = parse(raw)
    if whatwg.startswith("ERR"):
        # a WHATWG parser needs a scheme; a pasted link without one gets http:// first
        assert "://" not in raw
        expected = parse("http://" + raw).host
    else:
        expected = ast.literal_eval(whatwg).strip("[]").rstrip(".")
    assert parsed.host == expected
    assert parsed.scheme in ("http", "https")


@pytest.mark.parametrize(
    ("raw", "browser_host", "python_host"),
    [
        ("http://evil.com\\@nhandan.vn/", "evil.com", "nhandan.vn"),
        ("http://nhandan.vn\\@evil.com/", "nhandan.vn", "evil.com"),
    ],
)
def test_python_parsers_disagree_and_we_follow_the_browser(raw: str, browser_host: str, python_host: str) -> None:
    from urllib.parse import urlsplit

    assert urlsplit(raw).hostname == python_host
    assert parse(raw).host == browser_host


@pytest.mark.parametrize(
    ("raw", "host", "href"),
    [
        ("nhandan.vn/abc", "nhandan.vn", "http://nhandan.vn/abc"),
        ("  https://nhandan.vn/a  ", "nhandan.vn", "https://nhandan.vn/a"),
        ('"https://nhandan.vn/a"', "nhandan.vn", "https://nhandan.vn/a"),
        ("“nhandan.vn/a”", "nhandan.vn", "http://nhandan.vn/a"),
        ("<https://nhandan.vn/a>", "nhandan.vn", "https://nhandan.vn/a"),
        ("'NHANDAN.VN'", "nhandan.vn", "http://nhandan.vn/"),
        ("HTTPS://NHANDAN.VN/Bai-Viet", "nhandan.vn", "https://nhandan.vn/Bai-Viet"),
        ("nhandan.vn.", "nhandan.vn", "http://nhandan.vn/"),
        ("http://nhandan.vn./a", "nhandan.vn", "http://nhandan.vn./a"),
        ("https://nhandan.vn.../x", "nhandan.vn", "https://nhandan.vn.../x"),
        ("Xem: https://nhandan.vn/a.", "", ""),
        ("https://nhandan.vn/a.", "nhandan.vn", "https://nhandan.vn/a"),
        ("https://nhandan.vn/a,", "nhandan.vn", "https://nhandan.vn/a"),
        ("ｈｔｔｐｓ：／／ｎｈａｎｄａｎ．ｖｎ/x", "nhandan.vn", "https://nhandan.vn/x"),
        ("ＮＨＡＮＤＡＮ.ｖｎ", "nhandan.vn", "http://nhandan.vn/"),
        ("nhandan。vn/a", "nhandan.vn", "http://nhandan.vn/a"),
        ("https://%6Ehandan.vn/", "nhandan.vn", "https://nhandan.vn/"),
        ("https://nhạndan.vn/", "xn--nhndan-xc8b.vn", "https://xn--nhndan-xc8b.vn/"),
        ("https://xn--nhndan-xc8b.vn/", "xn--nhndan-xc8b.vn", "https://xn--nhndan-xc8b.vn/"),
        ("www.nhandan.vn", "www.nhandan.vn", "http://www.nhandan.vn/"),
        ("//nhandan.vn/a", "nhandan.vn", "http://nhandan.vn/a"),
        ("http:nhandan.vn", "nhandan.vn", "http://nhandan.vn/"),
        ("http:\\\\evil.com\\x", "evil.com", "http://evil.com/x"),
        ("nhandan.vn:8080/x", "nhandan.vn", "http://nhandan.vn:8080/x"),
        ("https://user:pw@nhandan.vn/", "nhandan.vn", "https://user:pw@nhandan.vn/"),
        ("https://nhan\u200bdan.vn/", "nhandan.vn", "https://nhandan.vn/"),
    ],
)
def test_paste_cleanup(raw: str, host: str, href: str) -> None:
    if not host:
        with pytest.raises(VerifyctlError):
            parse(raw)
        return
    parsed = parse(raw)
    assert (parsed.host, parsed.href) == (host, href)


def test_unicode_host_for_display() -> None:
    assert parse("https://xn--nhndan-xc8b.vn/").unicode_host == "nhạndan.vn"
    assert parse("https://nhandan.vn/").unicode_host == "nhandan.vn"


@pytest.mark.parametrize(
    ("raw", "host", "host_type"),
    [
        ("http://2130706433/", "127.0.0.1", "ipv4"),
        ("http://0x7f.1/", "127.0.0.1", "ipv4"),
        ("http://0177.0.0.1/", "127.0.0.1", "ipv4"),
        ("http://127.1/", "127.0.0.1", "ipv4"),
        ("http://0x7F000001/", "127.0.0.1", "ipv4"),
        ("http://3279880203/blah", "195.127.0.11", "ipv4"),
        ("203.205.37.201/tin-tuc/bptv.html", "203.205.37.201", "ipv4"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1", "ipv6"),
        ("http://[2001:db8::1]/", "2001:db8::1", "ipv6"),
        ("http://１２７.０.０.１/", "127.0.0.1", "ipv4"),
    ],
)
def test_ip_literals_in_every_notation(raw: str, host: str, host_type: str) -> None:
    parsed = parse(raw)
    assert (parsed.host, parsed.host_type) == (host, host_type)


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "ftp://nhandan.vn/",
        "mailto:a@nhandan.vn",
        "http://",
        "http://nhandan.vn:99999/",
        "http://a b.com/",
        "https://[::1/",
        "",
        "   ",
    ],
)
def test_not_a_link_is_an_error(raw: str) -> None:
    with pytest.raises(VerifyctlError):
        parse(raw)


def test_clean_paste_keeps_the_path_as_pasted() -> None:
    assert clean_paste("ＮＨＡＮＤＡＮ.vn/ｘ") == "http://NHANDAN.vn/ｘ"
