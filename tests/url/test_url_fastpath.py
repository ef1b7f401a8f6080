"""The shortcuts for common links give exactly what the full algorithms give."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from verifyctl.errors import VerifyctlError
from verifyctl.url.canonical import canonicalize, canonicalize_bytes
from verifyctl.url.parse import clean_paste, parse, parse_whatwg

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
