"""Which normalisation steps a text needs, found in one RE2 pass.

Python's `re` tests a character class at every position (about 20 ns a character), so running
each obfuscation pattern on every post would cost more than the matching itself. Ordinary
posts need almost none of those steps: one `re2.Set` over the UTF-8 bytes (a single linear
pass for all of them) says which are needed, and only those run.
"""

from __future__ import annotations

from typing import Any

SPECIAL = 1  # invisible, decomposed, lookalike, full-width or exotic characters, odd spaces
TONE = 2  # old tone-mark style (hoà, thuỷ)
PUNCT = 4  # punctuation between letters or digits (c.h.u, ch-uyển, 1.000)
LEET = 8  # a leetspeak symbol next to a letter (sh@re, tr0ng)
REPEAT = 16  # letters repeated (gấppp) or a doubled consonant (gấpp)

VIETNAMESE_LETTERS = (
    "abcdefghijklmnopqrstuvwxyzđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
DOUBLED_CONSONANTS = "bcdfghjklmnpqrstvwxzđ"
PUNCT_CHARS = ".-_*'\"`~^+|\\·•‧"
LEET_CHARS = "@$013457"
# Characters the plain lower() path would get wrong (see normalize._base_table).
SPECIAL_CLASS = (
    "[\u000b\u000c\u001c-\u001f\u0085\u00a0\u00ad\u0300-\u052f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u1e96-\u1e9f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u2100-\u24ff\u3000\u3164"
    "\ufe00-\ufe0f\ufeff-\uffef\U0001d400-\U0001d7ff\U0001f130-\U0001f189\U000e0000-\U000e007f]"
)


def _escape(chars: str) -> str:
    return "".join("\\" + c if c.isascii() and not c.isalnum() else c for c in chars)


_cached: list[Any] = []


def _gates(old_style: tuple[str, ...]) -> Any:
    if _cached:
        return _cached[0]
    import re2

    wordish = r"[\pL\pN@$]"
    patterns = [
        (SPECIAL, SPECIAL_CLASS),
        (TONE, "(?:" + "|".join(old_style) + r")(?:[^\pL]|$)"),
        (PUNCT, f"{wordish}[{_escape(PUNCT_CHARS)}]+{wordish}"),
        (LEET, rf"\pL[{_escape(LEET_CHARS)}]|[{_escape(LEET_CHARS)}]\pL"),
        (REPEAT, "|".join([c * 3 for c in VIETNAMESE_LETTERS] + [c * 2 for c in DOUBLED_CONSONANTS])),
    ]
    options = re2.Options()
    options.log_errors = False
    gate_set = re2.Set.SearchSet(options)
    for _, pattern in patterns:
        gate_set.Add(pattern.encode())
    gate_set.Compile()
    _cached.append((gate_set, [flag for flag, _ in patterns]))
    return _cached[0]


def scan(lowered: str, old_style: tuple[str, ...]) -> int:
    """The steps `lowered` (an already lower-cased text) needs, as bit flags."""
    gate_set, flags = _gates(old_style)
    found = gate_set.Match(lowered.encode("utf-8", "surrogatepass"))
    out = 0
    for index in found or ():
        out |= flags[index]
    return out
