"""Lookalike domains: hosts built to pass for an official one.

Each official domain is "protected" at a strength that fits how unusual its name is:

- `full` (the core, government and organisation tiers): every trick below;
- `place` (a name that is itself a province, such as binhphuoc.gov.vn: `binhphuoc.vn` is a
  public suffix, and local businesses use the name freely): homoglyphs, the whole domain
  embedded, and the name with government words only (`binhphuoc-gov.com`);
- `press` (other licensed press): homoglyphs, hyphenation, the whole domain embedded (press
  names are everyday words: `laodong` is in a hundred real domains).

The tricks, in the order they are tried (the first that fits names the kind):
`embedded` (nhandan.vn.example.xyz, nhan.dan.vn, nhandan-vn.com, nhandan.blogspot.com),
`homoglyph` (nhạndan.vn, nhаndan.vn with a Cyrillic а, nhandarn.vn), `tld_swap`
(nhandan.com, nhandan.id.vn; Vietnamese and generic endings only, see `swap_prone`),
`hyphenation` (nhan-dan.vn), `combosquat` (nhandan-news.com,
tinnhandan.net: the name plus news words only), `typosquat` (one insertion, omission,
replacement, transposition or repetition away; names of six letters or fewer only under the
same public suffix and only by an edit a typist makes (`plausible_typo`): the short names
of real broadcasters sit one edit apart, and `vtc.vn` is on the list as press).

Hosts on the list (any tier) never reach this module; `not_lookalikes` names real sites
that would otherwise be caught.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from verifyctl.url.confusables import fold, skeleton
from verifyctl.url.domain import Split, is_public_suffix, split

Mode = Literal["full", "place", "press"]
Kind = Literal["embedded", "homoglyph", "tld_swap", "hyphenation", "combosquat", "typosquat"]

# Words squatters put around a name: the news, place, official and login vocabulary.
AFFIXES = frozenset(
    ["news", "new", "tin", "tintuc", "tuc", "bao", "baomoi", "moi", "online", "onl", "tv", "vn", "viet", "vietnam", "vietnamese", "today", "now", "live", "media", "official", "chinhthuc", "dientu", "hot", "nong", "daily", "express", "info", "net", "web", "site", "page", "plus", "post", "times", "press", "channel", "video", "radio", "world", "global", "asia", "group", "fanpage", "fb", "app", "login", "dangnhap", "xacminh", "verify", "secure", "account", "the", "my", "hcm", "hn", "sg", "mobile", "gov", "org", "com", "h", "vietnamnet", "thoisu", "nhanh", "moinhat", "doisong", "tv24", "portal", "cong", "congthongtin", "trang"]
)
PLACE_AFFIXES = frozenset(["gov", "vn", "ubnd", "tinh", "tinhuy", "cong", "congthongtin", "portal", "chinhquyen", "org"])
SHORT = 6  # names this long or shorter: typos only under the same public suffix
# Country codes used as generic endings (and the free ones phishing favours); any other
# country's own ending (lecourrier.ch, a Swiss daily) is that country's business.
GENERIC_CC = frozenset(
    ["co", "me", "cc", "tv", "io", "ws", "la", "to", "ly", "fm", "gg", "sh", "ai", "so", "vc", "pw", "tk", "ml", "ga", "cf", "gq", "su", "nu"]
)


@dataclass(frozen=True, slots=True)
class Protected:
    domain: str  # the registrable official domain, e.g. nhandan.vn
    label: str
    suffix: str
    source_id: str
    mode: Mode


@dataclass(frozen=True, slots=True)
class Lookalike:
    imitates: str  # source id
    domain: str  # the official domain it imitates
    kind: Kind


class LookalikeIndex:
    def __init__(self, protected: Iterable[Protected], not_lookalikes: Iterable[str] = ()) -> None:
        self.protected = tuple(protected)
        self.domains = {p.domain: p for p in self.protected}
        self.excluded = frozenset(h.lower().rstrip(".") for h in not_lookalikes)
        self.by_skeleton: dict[str, list[Protected]] = {}
        self.by_label: dict[str, list[Protected]] = {}
        self.deletes: dict[str, list[Protected]] = {}
        self.flat: dict[str, Protected] = {}  # nhandanvn, nhandan-vn → nhandan.vn
        for p in self.protected:
            self.by_skeleton.setdefault(skeleton(p.label), []).append(p)
            self.by_label.setdefault(p.label, []).append(p)
            for form in (p.domain.replace(".", ""), p.domain.replace(".", "-")):
                self.flat.setdefault(form, p)
            if p.mode == "full":
                for variant in {p.label, *_deletions(p.label)}:
                    self.deletes.setdefault(variant, []).append(p)
        self.contained = tuple(p for p in self.protected if p.mode != "press")
        self.order = {p.domain: i for i, p in enumerate(self.protected)}

    def check(self, host: str) -> Lookalike | None:
        """The official domain `host` imitates, or None. `host` is an A-label host name."""
        if host in self.excluded:
            return None
        parts = split(host)
        if not parts.label or parts.registrable in self.excluded:
            return None
        if parts.registrable in self.domains:
            return None  # under an official domain: the owner's business, not a lookalike
        return (
            self._embedded(host, parts)
            or self._shape(parts)
            or self._combosquat(parts)
            or self._typosquat(parts)
        )

    def _embedded(self, host: str, parts: Split) -> Lookalike | None:
        for label in (*parts.subdomain.split("."), parts.label):
            if not label:
                continue
            flat = self.flat.get(label) or self.flat.get(_ascii(label))
            if flat is not None:
                return Lookalike(flat.source_id, flat.domain, "embedded")
        for sub in parts.subdomain.split(".") if parts.subdomain else ():
            for p in self.by_label.get(sub, ()):
                if p.mode == "full":
                    return Lookalike(p.source_id, p.domain, "embedded")
        # An official domain as a run of whole labels inside the host: look each run up rather
        # than scan every protected domain (hundreds since the register grew).
        labels = host.split(".")
        inside = [
            self.domains[run]
            for i in range(len(labels))
            for j in range(i + 2, len(labels) + 1)
            if (run := ".".join(labels[i:j])) in self.domains
        ]
        if inside:
            p = min(inside, key=lambda q: self.order[q.domain])
            return Lookalike(p.source_id, p.domain, "embedded")
        squeezed = host.replace(".", "")
        flat = self.flat.get(squeezed)
        if flat is not None:
            return Lookalike(flat.source_id, flat.domain, "embedded")
        return None

    def _shape(self, parts: Split) -> Lookalike | None:
        label = _unicode(parts.label)
        shape = skeleton(label)
        exact = self.by_label.get(parts.label)
        if exact:
            swaps = [
                p
                for p in exact
                if p.mode == "full" and p.suffix != parts.suffix and swap_prone(parts.suffix)
            ]
            if swaps:
                p = _closest(swaps, parts)
                return Lookalike(p.source_id, p.domain, "tld_swap")
        matches = [p for p in self.by_skeleton.get(shape, ()) if p.label != parts.label]
        if matches:
            p = _closest(matches, parts)
            return Lookalike(p.source_id, p.domain, "homoglyph")
        if "-" in shape:
            joined = [
                p for p in self.by_skeleton.get(shape.replace("-", ""), ()) if p.mode != "place"
            ]
            if joined:
                p = _closest(joined, parts)
                return Lookalike(p.source_id, p.domain, "hyphenation")
        return None

    def _combosquat(self, parts: Split) -> Lookalike | None:
        for label in _spellings(parts.label):
            found = [p for p in self.contained if p.label in label and p.label != label]
            for p in sorted(found, key=lambda p: -len(p.label)):
                words = PLACE_AFFIXES if p.mode == "place" else AFFIXES
                left, _, right = label.partition(p.label)
                if only_affixes(left, words) and only_affixes(right, words):
                    return Lookalike(p.source_id, p.domain, "combosquat")
                if p.mode == "full" and len(p.label) >= 5 and p.label in label.split("-"):
                    return Lookalike(p.source_id, p.domain, "combosquat")
        return None

    def _typosquat(self, parts: Split) -> Lookalike | None:
        hits: dict[str, Protected] = {}
        for label in _spellings(parts.label):
            for variant in {label, *_deletions(label)}:
                for p in self.deletes.get(variant, ()):
                    if p.label != label and one_edit(label, p.label):
                        hits.setdefault(p.domain, p)
            if hits:
                break
        near = [
            p
            for p in hits.values()
            if (p.suffix == parts.suffix and (len(p.label) > SHORT or plausible_typo(label, p.label)))
            or (len(p.label) > SHORT and swap_prone(parts.suffix))
        ]
        if not near:
            return None
        p = _closest(near, parts)
        return Lookalike(p.source_id, p.domain, "typosquat")


_ROWS = ("1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiouy")


def _keyboard() -> dict[str, frozenset[str]]:
    """Keys next to each key on a QWERTY keyboard (the layout Vietnamese Telex typing uses)."""
    near: dict[str, set[str]] = {}
    for r, row in enumerate(_ROWS):
        for c, key in enumerate(row):
            around = near.setdefault(key, set())
            for dr in (-1, 0, 1):
                if 0 <= r + dr < len(_ROWS):
                    other = _ROWS[r + dr]
                    for dc in (-1, 0, 1):
                        if (dr or dc) and 0 <= c + dc < len(other):
                            around.add(other[c + dc])
    return {k: frozenset(v) for k, v in near.items()}


KEYBOARD = _keyboard()


def plausible_typo(typed: str, meant: str) -> bool:
    """A one-edit difference a finger or a flipped bit makes: an omission, a transposition,
    a doubled or appended letter, a neighbouring key, a vowel for a vowel, one bit. Short names
    must fit one of these: `qtv` (another real broadcaster) is one edit from `vtv`, but q is
    nowhere near v."""
    if len(typed) < len(meant):
        return True
    if len(typed) > len(meant):
        i = next((i for i in range(len(meant)) if typed[i] != meant[i]), len(meant))
        extra = typed[i]
        if i == len(meant):
            return True
        neighbours = {meant[i]} | ({meant[i - 1]} if i else set())
        return any(extra == n or extra in KEYBOARD.get(n, ()) for n in neighbours)
    diff = [i for i in range(len(meant)) if typed[i] != meant[i]]
    if len(diff) != 1:
        return True  # a transposition
    a, b = typed[diff[0]], meant[diff[0]]
    return (
        a in KEYBOARD.get(b, ())
        or (a in _VOWELS and b in _VOWELS)
        or bin(ord(a) ^ ord(b)).count("1") == 1
    )


def swap_prone(suffix: str) -> bool:
    """An ending a squatter aiming at Vietnamese readers would use: Vietnamese (…vn), a
    generic top-level domain (com, net, xyz…) or a country code used as a generic one."""
    last = suffix.rsplit(".", 1)[-1]
    return last == "vn" or len(last) >= 3 or last in GENERIC_CC


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} if len(word) > 2 else set()


def one_edit(a: str, b: str) -> bool:
    """Damerau–Levenshtein distance exactly one (the caller excludes a == b)."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def only_affixes(text: str, words: frozenset[str]) -> bool:
    """`text` is empty or made only of `words`, digits and hyphens (tin-24h, baomoi, -vn)."""
    return _segments(text.strip("-"), words)


@lru_cache(maxsize=4096)
def _segments(text: str, words: frozenset[str]) -> bool:
    if not text:
        return True
    if text[0] == "-":
        return _segments(text[1:], words)
    if text[0].isdigit():
        end = 1
        while end < len(text) and text[end].isdigit():
            end += 1
        return _segments(text[end:], words)
    return any(
        text.startswith(word) and _segments(text[len(word) :], words)
        for word in words
        if word[0] == text[0]
    )


def _closest(candidates: list[Protected], parts: Split) -> Protected:
    """Of several official domains with the same name, the one whose suffix is nearest."""
    if len(candidates) == 1:
        return candidates[0]
    mine = set(parts.suffix.split("."))
    return min(
        candidates,
        key=lambda p: (
            p.suffix != parts.suffix,
            -len(mine.intersection(p.suffix.split("."))),
            _distance(p.suffix, parts.suffix),
        ),
    )


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _spellings(label: str) -> tuple[str, ...]:
    """The ways to read a label for typos and added words: as written (if ASCII), letter
    for letter without accents or look-alikes, and as its skeleton (`rn` read as `m`)."""
    text = _unicode(label)
    forms = [text] if text.isascii() else []
    for form in (fold(text), skeleton(text)):
        if form not in forms:
            forms.append(form)
    return tuple(forms)


def _unicode(label: str) -> str:
    if not label.startswith("xn--") and ".xn--" not in label:
        return label
    from ada_url import idna_to_unicode

    return str(idna_to_unicode(label)) or label


def _ascii(label: str) -> str:
    return skeleton(_unicode(label))


def is_place_name(label: str) -> bool:
    """A province or city name: `label.vn` is itself a public suffix (binhphuoc.vn)."""
    return is_public_suffix(f"{label}.vn")
