"""Obfuscation tricks people use to slip a phrase past filters, applied to a whole text.

Each trick is a function str -> str; `TRICKS` lists them by name. The tests apply every
trick to every rule's `match` examples and count how many variants still match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_WORD = re.compile(r"[^\W_]+")
_NEW_TO_OLD = {}
for _a, _b in (("o", "a"), ("o", "e"), ("u", "y")):
    for _tone in "\u0300\u0301\u0303\u0309\u0323":
        _NEW_TO_OLD[unicodedata.normalize("NFC", _a + _tone + _b)] = unicodedata.normalize("NFC", _a + _b + _tone)
_CYRILLIC = str.maketrans("aeopcxyiAEOPCXYHKMT", "аеорсхуіАЕОРСХУНКМТ")
_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"}
_TEENCODE = (
    ("số tài khoản", "stk"), ("Số tài khoản", "STK"), ("chuyển khoản", "ck"), ("Chuyển khoản", "Ck"),
    ("tài khoản", "tk"), ("không", "ko"), ("Không", "Ko"), ("được", "đc"), ("cộng tác viên", "ctv"),
)


def _per_word(fn: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: _WORD.sub(lambda m: fn(m.group()), text)


def _tone_old_style(text: str) -> str:
    for new, old in _NEW_TO_OLD.items():
        text = re.sub(new + r"(?!\w)", old, text)
    return text


def _mixed_case(text: str) -> str:
    return "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(text))


def _leet(word: str) -> str:
    for plain, leet in (("a", "@"), ("o", "0"), ("e", "3")):
        if plain in word[1:]:
            index = word.index(plain, 1)
            return word[:index] + leet + word[index + 1 :]
    return word


def _teencode(text: str) -> str:
    for long, short in _TEENCODE:
        text = text.replace(long, short)
    return text


TRICKS: dict[str, Callable[[str], str]] = {
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "old_tone_style": _tone_old_style,
    "upper": str.upper,
    "mixed_case": _mixed_case,
    "zero_width": _per_word(lambda w: "\u200b".join(w[i : i + 2] for i in range(0, len(w), 2))),
    "fullwidth": lambda t: "".join(_FULLWIDTH.get(c, c) for c in t),
    "lookalike": lambda t: t.translate(_CYRILLIC),
    "dotted": _per_word(lambda w: ".".join(w)),
    "spaced": lambda t: " ".join(c for c in t if c != " "),
    "hyphen": _per_word(lambda w: w[: len(w) // 2] + "-" + w[len(w) // 2 :] if len(w) >= 4 else w),
    "repeated": _per_word(lambda w: w + w[-1] * 3 if w[-1].isalpha() else w),
    "leet": _per_word(_leet),
    "teencode": _teencode,
}
STRICT_TRICKS = ("dotted", "spaced", "teencode")  # ≥ 90% each (issue 4)
