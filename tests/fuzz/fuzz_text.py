"""Fuzz target: post text through normalisation and the shipped rules; spans stay inside."""

from __future__ import annotations

from functools import cache

from fuzz_common import fuzz_main, text_of

from verifyctl.datafiles import RULES, data_path
from verifyctl.text.normalize import base, deep
from verifyctl.text.rules import RuleSet, load_rules


@cache
def _rules() -> RuleSet:
    return load_rules(data_path(RULES))


def fuzz_one(data: bytes) -> None:
    text = text_of(data)
    form = deep(base(text))
    for i in range(len(form.text)):
        assert 0 <= form.origin(i) < form.origin_end(i) <= len(text)
    for hit in _rules().find(text):
        assert all(0 <= s < e <= len(text) for s, e in hit.spans), hit


if __name__ == "__main__":
    fuzz_main(fuzz_one, "text")
