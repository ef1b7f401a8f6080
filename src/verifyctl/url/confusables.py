"""A skeleton of a domain label: what it looks like, not how it is spelled.

Two labels with the same skeleton are easily mistaken for each other (Unicode TR39's idea):
`nhạndan`, `nhândân`, `nhаndan` (Cyrillic а) and `nhandan` share one. The skeleton drops
Vietnamese and other diacritics (browsers display `nhạndan.vn` unchanged, so a dot under a
letter is all that tells it apart), maps Cyrillic, Greek, Armenian and Latin look-alike
letters to the ASCII letter they imitate, and folds the ASCII tricks `rn`→`m`, `vv`→`w`,
`cl`→`d`, `0`→`o`, `1`→`l`. The table is a hand-picked subset of TR39's confusables.txt:
the letters that pass for Latin in the lower case a browser shows.
"""

from __future__ import annotations

import unicodedata

_TABLE = {
    # Cyrillic
    "а": "a", "в": "b", "г": "r", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "п": "n", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ь": "b", "ѕ": "s", "і": "i",
    "ї": "i", "ј": "j", "һ": "h", "ӏ": "l", "ү": "y", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ԍ": "g",
    "ɡ": "g", "ѵ": "v", "ӓ": "a", "ӧ": "o", "ԑ": "e",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v",
    "ο": "o", "ρ": "p", "ς": "c", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
    "ά": "a", "έ": "e", "ί": "i", "ό": "o", "ύ": "u", "ή": "n", "ώ": "w",
    # Armenian
    "օ": "o", "ո": "n", "ս": "u", "հ": "h", "ց": "g", "զ": "q",
    # Latin letters that NFKD does not decompose
    "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ȷ": "j", "ł": "l", "ø": "o", "ɑ": "a", "ɩ": "i",
    "ƅ": "b", "ɵ": "o", "ǀ": "l", "ʏ": "y", "ᴠ": "v", "ß": "ss", "æ": "ae", "œ": "oe",
    "ɓ": "b", "ɗ": "d", "ƙ": "k", "ƴ": "y", "ȿ": "s",
    # ASCII digits that pass for letters
    "0": "o", "1": "l",
}  # fmt: skip
_ASCII_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))
_DIGITS = str.maketrans({"0": "o", "1": "l"})


def skeleton(label: str) -> str:
    """The look of `label` (a Unicode domain label) in plain ASCII letters."""
    text = fold(label)
    for pair, single in _ASCII_PAIRS:
        if pair in text:
            text = text.replace(pair, single)
    return text


def fold(label: str) -> str:
    """`label` with accents dropped and look-alike letters mapped, letter for letter (no
    `rn`→`m`): the spelling a typo is measured against."""
    text = label.lower()
    if text.isascii():
        return text.translate(_DIGITS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(_TABLE.get(c, c) for c in decomposed if not unicodedata.combining(c)).lower()
