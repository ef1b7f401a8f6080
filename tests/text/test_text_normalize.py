"""Normalisation: each trick undone, and every character mapped back to the original text."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifyctl.text import gates
from verifyctl.text.normalize import (
    _INNER_PUNCT,
    _LEET,
    base,
    deep,
    default_scanner,
    fold,
    phrase_key,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Chuyển Khoản", "chuyển khoản"),
        (unicodedata.normalize("NFD", "chuyển khoản"), "chuyển khoản"),
        ("hoà bình, thuỷ lợi", "hòa bình, thủy lợi"),
        ("hòa bình, thủy lợi", "hòa bình, thủy lợi"),
        ("hoàng", "hoàng"),  # closed syllable: one style only
        ("chu\u200byển\u00ad kho\ufeffản", "chuyển khoản"),
        ("ＣＨＵＹển", "chuyển"),
        ("сhuуển", "chuyển"),  # Cyrillic с and у
        ("𝐜𝐡𝐮𝐲ển", "chuyển"),
        ("c.h.u.y.ể.n k.h.o.ả.n", "chuyển khoản"),
        ("ch-uyển kh_oản", "chuyển khoản"),
        ("c h u y ể n", "chuyển"),
        ("gấppp", "gấp"),
        ("gấpp", "gấpp"),  # a double is left alone (TTXVN, xoong)
        ("xoong", "xoong"),  # a doubled vowel is Vietnamese
        ("sh@re tr0ng 0tp", "share trong otp"),
        ("năm 2024, 100 người", "năm 2024, 100 người"),  # digits among digits stay digits
        ("0912.345.678", "0912345678"),
        ("ab\n\n cd\t ef", "ab cd ef"),
    ],
)
def test_deep_form(raw: str, expected: str) -> None:
    assert deep(base(raw)).text == expected


def test_phrase_and_post_normalise_alike() -> None:
    assert phrase_key("  Chuyển   khoản GẤP ") == deep(base("chuyển khoản gấp")).text


def test_fold_keeps_offsets() -> None:
    text = "việc nhẹ lương cao, đường"
    assert fold(text) == "viec nhe luong cao, duong"
    assert len(fold(text)) == len(text)


_TRICKY = st.text(
    alphabet=st.sampled_from(
        [
            *"abcdeghiklmnopstuy đàáảãạâấầêếệôốồơớờưứừ0123456789@$.-_ \n\t",
            *("\u200b", "\u0301", "\u0323", "Ａ", "С", "о", "İ", "ß", "\u00ad", "ǅ"),
        ]
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(_TRICKY)
def test_every_character_maps_back_inside_the_original(text: str) -> None:
    form = deep(base(text))
    previous = 0
    for i in range(len(form.text)):
        start, end = form.span(i, i + 1)
        assert 0 <= start < end <= len(text)
        assert start >= previous  # order is kept
        previous = start


@pytest.mark.parametrize(
    ("raw", "start", "end", "original"),
    [
        ("xin C.H.U.Y.Ể.N khoản", 0, 3, "xin"),
        ("xin C.H.U.Y.Ể.N khoản", 4, 10, "C.H.U.Y.Ể.N"),
        ("ôi gấppp quá", 3, 6, "gấppp"),
        ("a\u200bb chuyển", 3, 9, "chuyển"),
        (unicodedata.normalize("NFD", "đã chuyển"), 3, 9, unicodedata.normalize("NFD", "chuyển")),
    ],
)
def test_span_maps_to_the_original_substring(raw: str, start: int, end: int, original: str) -> None:
    form = deep(base(raw))
    s, e = form.span(start, end)
    assert raw[s:e] == original


_GATED = st.text(alphabet=st.sampled_from([*"abxđể0134579²٣Ⅳ@$.-_ \n", "\u0301"]), max_size=16)


@settings(max_examples=2000, deadline=None)
@given(_GATED)
def test_a_gate_closed_means_the_step_has_nothing_to_do(text: str) -> None:
    """The one RE2 pass decides which steps run: it may open a gate for nothing, never close
    one on a text the step would change (leet digits beside digits, ² and ٣ included). The
    repeat gate knows only the letters rules are written in, on purpose: not tested here."""
    flags, _ = default_scanner().scan(text)
    for flag, step in ((gates.LEET, _LEET), (gates.PUNCT, _INNER_PUNCT)):
        assert flags & flag or step.search(text) is None


def test_the_gates_whitespace_is_pythons() -> None:
    spelled = re.compile(f"[{gates.WHITESPACE}]")
    assert [c for c in map(chr, range(0x3001)) if spelled.fullmatch(c)] == [c for c in map(chr, range(0x110000)) if c.isspace()]


_SPACES_AND_SINGLES = st.lists(
    st.sampled_from([*"ab ể0@.-", " ", " ", "\n", "\t", "\u1680", "\u3000", "\u00a0", "\u200b", "\ud800", "oà", "\u0301"]),
    max_size=14,
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_SPACES_AND_SINGLES)
def test_the_spaced_gate_opens_wherever_letter_spacing_was_looked_for(text: str) -> None:
    """`deep` used to look for letter-spacing wherever ` x y ` (or ` x y` at the end) or a
    space second occurred in its text; the gate, read from the text before `base` cut the runs
    of whitespace (or the text itself after a rescan), is open in every such case."""
    def looked(t: str) -> bool:
        return re.search(" [^ ] [^ ](?: |$)", t) is not None or t[1:2] == " "

    form = base(text)
    assert form.flags & gates.SPACED or not looked(form.text)
    flags, _ = default_scanner().scan(form.text)
    assert flags & gates.SPACED or not looked(form.text)
