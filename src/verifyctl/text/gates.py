"""Which normalisation steps a text needs, found in one RE2 pass.

Python's `re` tests a character class at every position (about 20 ns a character), so running
each obfuscation pattern on every post would cost more than the matching itself. Ordinary
posts need almost none of those steps: one `re2.Set` over the UTF-8 bytes (a single linear
pass for all of them) says which are needed, and only those run.
"""

from __future__ import annotations

from collections.abc import Sequence

SPECIAL = 1  # invisible, decomposed, lookalike, full-width or exotic characters, odd spaces, lone surrogates
TONE = 2  # old tone-mark style (hoà, thuỷ)
PUNCT = 4  # punctuation between letters or digits (c.h.u, ch-uyển, 1.000)
LEET = 8  # a leetspeak symbol next to a letter (sh@re, tr0ng, d!eu)
REPEAT = 16  # a letter three times or more (gấppp)
SPACED = 32  # two one-character words in a row, or a space second (c h u y ể n)

VIETNAMESE_LETTERS = (
    "abcdefghijklmnopqrstuvwxyzđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
PUNCT_CHARS = ".-_*'\"`~^+|\\·•‧"
LEET_CHARS = "@$013457"
LEET_DIGITS = "013457"
# Characters the plain lower() path would get wrong (see normalize._base_table).
SPECIAL_CLASS = (
    "[\u000b\u000c\u001c-\u001f\u0085\u00a0\u00ad\u00e4\u00eb\u00ef\u00f6\u00fc\u00ff\u0300-\u052f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u1e96-\u1e9f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u2100-\u24ff\u3000\u3164"
    "\ufe00-\ufe0f\ufeff-\uffef\U0001d400-\U0001d7ff\U0001f130-\U0001f189\U000e0000-\U000e007f]"
)


# What Python's `\s` and `str.split()` take (RE2's `\s` is ASCII only).
WHITESPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def _escape(chars: str) -> str:
    return "".join("\\" + c if c.isascii() and not c.isalnum() else c for c in chars)


class Scanner:
    """The gates, plus any `extra` RE2 patterns (a rule set's regexes) answered in the same
    pass: on a post that needs no normalisation, that pass is also the regex prefilter."""

    def __init__(self, old_style: Sequence[str], extra: Sequence[str] = ()) -> None:
        import re2

        wordish = r"[\pL\pN@$]"
        letter = r"[\pL\p{Nl}\p{No}]"  # what Python's [^\W\d_] (normalize._LETTER) takes
        patterns = [
            (SPECIAL, SPECIAL_CLASS),
            (TONE, "(?:" + "|".join(old_style) + r")(?:[^\pL]|$)"),
            (PUNCT, f"{wordish}[{_escape(PUNCT_CHARS)}]+{wordish}"),
            # A leet digit beside another digit is part of a number (normalize._LEET): saying
            # so here keeps every link (`bai-viet-2024.html`) from paying for the leet pass.
            (LEET, rf"{letter}[@$]|[@$]{letter}|{letter}!{letter}|{letter}[{LEET_DIGITS}](?:\P{{Nd}}|$)|(?:^|\P{{Nd}})[{LEET_DIGITS}]{letter}"),
            (REPEAT, "|".join(c * 3 for c in VIETNAMESE_LETTERS)),
            # `normalize.deep` looks for letter-spacing where its text has ` x y ` (or ` x y` at
            # the end) or a space second. That text may be this one with runs of whitespace
            # cut to their first character (`normalize.base`), so a run stands for a space here.
            (SPACED, f"^(?s:.) | [{WHITESPACE}]*[^ ] [{WHITESPACE}]*[^ ](?: |$)"),
        ]
        options = re2.Options()
        options.log_errors = False
        self._set = re2.Set.SearchSet(options)
        for _, pattern in patterns:
            self._set.Add(pattern.encode())
        for pattern in extra:
            self._set.Add(pattern.encode())
        self._set.Compile()
        self._flags = [flag for flag, _ in patterns]
        # `re2.Set.Match` is a Python wrapper that checks its argument's type; the binding under
        # it takes the bytes directly, a fifth of the cost of a call (there are one or two a post).
        self._match = getattr(self._set, "_set", self._set).Match

    def scan(self, lowered: str) -> tuple[int, tuple[int, ...]]:
        """The steps `lowered` (a lower-cased text) needs as bit flags, and which `extra`
        patterns occur in it."""
        flags = 0
        try:
            data = lowered.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (a JSON escape such as \udc80): not text,
            data = lowered.encode("utf-8", "surrogatepass")  # and `normalize.base` replaces it
            flags = SPECIAL
        found = self._match(data)
        if not found:
            return flags, ()
        extra: list[int] = []
        n_gates = len(self._flags)
        for index in found or ():
            if index < n_gates:
                flags |= self._flags[index]
            else:
                extra.append(index - n_gates)
        return flags, tuple(extra)
