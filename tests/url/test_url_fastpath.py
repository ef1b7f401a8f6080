"""The shortcuts for common links give exactly what the full algorithms give: parsing,\ncanonicalization, and a batch's verdict for a plain link to a host already judged."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifyctl.engine import Engine
from verifyctl.errors import VerifyctlError
from verifyctl.screen.post import CachingEngine
from verifyctl.url.canonical import canonicalize, canonicalize_bytes
from verifyctl.url.check import check_url, link_verdict
from verifyctl.url.judge import UrlJudge
from verifyctl.url.parse import clean_paste, parse, parse_whatwg, plain_host

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_url import url_mix

PIECES = st.sampled_from(
    ["a", "Z", "0", "9", "-", ".", "/", "?", "#", "%", "%2e", "%41", "..", "./", "@", ":", "\\",
     "'", '"', " ", "~", "!", "$", "&", "(", "*", "+", ",", ";", "=", "_", "ạ", "xn--", "//", "[", "]"]
)  # fmt: skip
HOSTS = st.sampled_from(
    ["nhandan.vn", "a.b", "x-y.com.vn", "0x7f.1", "1.2.3.4", "a..b.com", "xn--nhndan-xc8b.vn",
     "-a-.com", "abc.c0m", "abc.x", "NHANDAN.VN", "nhandan.vn.", "a.b.c.d.e.fg"]
)  # fmt: skip
URLS = st.builds(
    lambda scheme, host, port, tail: f"{scheme}://{host}{port}{tail}",
    st.sampled_from(["http", "https", "HTTP"]),
    HOSTS,
    st.sampled_from(["", ":80", ":443", ":8080", ":0"]),
    st.lists(PIECES, max_size=12).map("".join),
)


def _whatwg(text: str) -> object:
    try:
        return parse_whatwg(clean_paste(text))
    except VerifyctlError:
        return "error"


def _ours(text: str) -> object:
    try:
        return parse(text)
    except VerifyctlError:
        return "error"


@settings(max_examples=3000, deadline=None)
@given(URLS)
def test_parse_shortcut_agrees_with_ada(url: str) -> None:
    assert _ours(url) == _whatwg(url)


def test_parse_shortcut_agrees_on_the_benchmark_mix() -> None:
    for url in url_mix(3000):
        assert _ours(url) == _whatwg(url)


@settings(max_examples=3000, deadline=None)
@given(URLS)
def test_canonical_shortcut_agrees(url: str) -> None:
    parsed = _whatwg(url)
    if parsed == "error":
        return
    href = parsed.href  # type: ignore[attr-defined]
    assert canonicalize(href) == canonicalize_bytes(href.encode("utf-8")).decode("ascii")


@settings(max_examples=3000, deadline=None)
@given(st.builds(lambda pre, url, post: pre + url + post, st.sampled_from(["", " ", "(", "'"]), URLS,
                 st.sampled_from(["", ".", ")", ",", "!", " ", "'", "/", "?x"])))
def test_plain_host_is_the_host_parse_reports(url: str) -> None:
    host = plain_host(url)
    if host is not None:  # a batch trusts it instead of parsing
        parsed = _whatwg(url)
        assert parsed != "error"
        assert (parsed.host, parsed.host_type) == (host, "name")  # type: ignore[attr-defined]


def test_most_links_of_the_benchmark_mix_are_plain() -> None:
    mix = url_mix(3000)
    plain = [url for url in mix if plain_host(url) is not None]
    assert len(plain) > len(mix) * 0.7
    assert all(plain_host(url) == _whatwg(url).host for url in plain)  # type: ignore[attr-defined]


def _judge() -> UrlJudge:
    return Engine(None, None, None).url_judge  # the shipped sources


LINKS = [
    *url_mix(600),
    "https://nhandan.vn/a", "https://nhandan.vn/b.", "(https://nhandan.vn/c)", "HTTPS://NHANDAN.VN/d",
    "https://facebook.com/nhandan", "https://www.facebook.com/groups/123/posts/9", "https://fb.watch/abc/",
    "https://bit.ly/3xYz", "https://nhandan-vn.com/x", "https://xn--nhndan-vn.com/", "https://1.2.3.4/a",
    "https://nhandan.vn:443/e", "nhandan.vn/f", "https://user@nhandan.vn/", "http://evil.com\\@nhandan.vn/",
    "https://baobinhphuoc.com.vn/tin", "https://youtube.com/@vtv24", "https://nhandan.vn/./g",
]  # fmt: skip


def test_a_link_verdict_is_what_check_url_gives() -> None:
    """Asked twice over in two orders, so every link meets both a host judged before (the
    shortcut) and one not judged yet (the full check)."""
    for order in (LINKS, LINKS[::-1]):
        judge = _judge()
        for raw in order * 2:
            try:
                full = check_url(raw, judge)
            except VerifyctlError as exc:
                with pytest.raises(VerifyctlError) as again:
                    link_verdict(raw, _judge())
                assert again.value.line("en") == exc.line("en")
                continue
            got = link_verdict(raw, judge)
            assert (got.target, got.kind, got.verdict, got.reasons) == (raw, "url", full.verdict, full.reasons), raw


def test_the_batch_engine_gives_what_check_url_gives() -> None:
    """`screen`'s engine answers a new link to a host judged before from that host's result
    (never cached per link) and caches the rest: each link still gets check_url's verdict and
    reasons, whatever came before it."""
    for order in (LINKS, LINKS[::-1]):
        engine, judge = CachingEngine(), _judge()
        for raw in order * 2:
            try:
                full = check_url(raw, judge)
            except VerifyctlError as exc:
                with pytest.raises(VerifyctlError) as again:
                    engine.check_url(raw)
                assert again.value.line("en") == exc.line("en")
                continue
            got = engine.check_url(raw)
            assert (got.kind, got.verdict, got.reasons) == ("url", full.verdict, full.reasons), raw
