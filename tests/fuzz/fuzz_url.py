"""Fuzz target: a pasted link through parse, canonicalization and the judge."""

from __future__ import annotations

from functools import cache

from fuzz_common import fuzz_main, text_of

from verifyctl.engine import Engine, detect_kind
from verifyctl.url.canonical import canonicalize, canonicalize_bytes
from verifyctl.verdict import Verdict


@cache
def _engine() -> Engine:
    return Engine()


def fuzz_one(data: bytes) -> None:
    text = text_of(data)
    once = canonicalize(text)
    assert canonicalize(once) == once, (text, once)
    canonicalize_bytes(data)
    detect_kind(text)
    result = _engine().check(text, "url")
    if result.verdict is Verdict.SHARE:
        assert result.reasons[0].code in ("official_source", "official_account"), result


if __name__ == "__main__":
    fuzz_main(fuzz_one, "url")
