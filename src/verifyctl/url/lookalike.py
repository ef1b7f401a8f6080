"""Lookalike domains: hosts built to pass for an official one.

Each official domain is "protected" at a strength that fits how unusual its name is:

- `full` (core, government, organisation and service tiers): every trick below, with the
  vocabulary of news, login and payment scams as added words;
- `place` (a name that is itself a province, such as binhphuoc.gov.vn: `binhphuoc.vn` is a
  public suffix, and local businesses use the name freely): homoglyphs, the whole domain
  embedded, and the name with government words only (`binhphuoc-gov.com`);
- `press` (other licensed press): every trick, with news words only as added words, and
  typos under another ending only for names of six letters or more;
- `alias` (an abbreviation people type, `bhxh`, `vcb`, or a name written as one word,
  `bocongthuong`): the name with added words (`gplx-gov.vn`), as a subdomain
  (`vcb.login-secure.top`), on a free page host, and, five letters or more, under any ending.

The tricks, in the order they are tried (the first that fits names the kind):
`embedded` (nhandan.vn.example.xyz, nhan.dan.vn, nhandan-vn.com, dantri.weebly.com),
`tld_swap` (nhandan.com; Vietnamese and generic endings only, see `swap_prone`),
`homoglyph` (nhạndan.vn, nhаndan.vn with a Cyrillic а, nhandarn.vn, utv.vn: the whole label
mapped to its TR39 skeleton, so several substitutions at once; a label mixing Latin with
Cyrillic or Greek letters within one edit of a name), `hyphenation` (nhan-dan.vn),
`combosquat` (nhandan-news.com, vssidgov.com: the name plus listed words only),
`typosquat` (one insertion, omission, replacement, transposition or repetition away; short
names only by an edit a typist makes, `plausible_typo`, and only under the same public
suffix unless a look-alike character shows the edit was made on purpose: b0dv.xyz).

Hosts on the list (any tier) never reach this module, and neither does anything under their
registrable domains; `not_lookalikes` names real sites that would otherwise be caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from verifyctl.url.confusables import fold, loose, mixed_script, skeleton
from verifyctl.url.domain import Split, is_public_suffix, split
from verifyctl.url.typos import (
    PLACE_AFFIXES,
    PRESS_AFFIXES,
    SERVICE_AFFIXES,
    deletions,
    distance,
    one_edit,
    only_affixes,
    plausible_typo,
)

Mode = Literal["full", "place", "press", "alias"]
Kind = Literal["embedded", "homoglyph", "tld_swap", "hyphenation", "combosquat", "typosquat"]

SHORT = 6  # names this long or shorter: typos only by a plausible edit
ALIAS_ALONE = 5
LOOSE_NEAR = 6  # names this long: look-alike letters plus one slip, under the same ending  # an alias this long is protected on its own, not only with added words
# Country codes used as generic endings (and the free ones phishing favours); any other
# country's own ending (lecourrier.ch, a Swiss daily) is that country's business.
GENERIC_CC = frozenset(
    [
        "co",
        "me",
        "cc",
        "tv",
        "io",
        "ws",
        "la",
        "to",
        "ly",
        "fm",
        "gg",
        "sh",
        "ai",
        "so",
        "vc",
        "pw",
        "tk",
        "ml",
        "ga",
        "cf",
        "gq",
        "su",
        "nu",
    ]
)
# Free page and site hosts: `<name>.weebly.com` is anyone's page, and one carrying an
# outlet's name is a copy of it, whatever the outlet's tier.
FREE_HOSTS = frozenset(
    [
        "weebly.com",
        "blogspot.com",
        "wordpress.com",
        "wixsite.com",
        "wix.com",
        "webflow.io",
        "github.io",
        "gitlab.io",
        "netlify.app",
        "vercel.app",
        "pages.dev",
        "web.app",
        "firebaseapp.com",
        "glitch.me",
        "herokuapp.com",
        "onrender.com",
        "000webhostapp.com",
        "mystrikingly.com",
        "strikingly.com",
        "site123.me",
        "jimdosite.com",
        "jimdofree.com",
        "godaddysites.com",
        "tumblr.com",
        "medium.com",
        "substack.com",
        "notion.site",
        "carrd.co",
        "square.site",
        "myshopify.com",
        "blogger.com",
        "ucoz.net",
        "tilda.ws",
        "webnode.page",
        "yolasite.com",
        "ghost.io",
        "replit.app",
        "surge.sh",
        "azurewebsites.net",
        "appspot.com",
        "r2.dev",
        "workers.dev",
        "framer.website",
        "sites.google.com",
    ]
)


@dataclass(frozen=True, slots=True)
class Protected:
    domain: str  # the registrable official domain, e.g. nhandan.vn
    label: str  # its name, or an alias
    suffix: str
    source_id: str
    mode: Mode
    legacy: bool = False  # an old address: typos under other endings only if plausible


@dataclass(frozen=True, slots=True)
class Lookalike:
    imitates: str  # source id
    domain: str  # the official domain it imitates
    kind: Kind


class LookalikeIndex:
    def __init__(self, protected: Iterable[Protected], not_lookalikes: Iterable[str] = ()) -> None:
        import ahocorasick

        self.protected = tuple(protected)
        self.domains = {p.domain: p for p in self.protected if p.mode != "alias"}
        self.excluded = frozenset(h.lower().rstrip(".") for h in not_lookalikes)
        self.by_skeleton: dict[str, list[Protected]] = {}
        self.by_loose: dict[str, list[Protected]] = {}
        self.loose_deletes: dict[str, list[tuple[str, Protected]]] = {}
        self.by_label: dict[str, list[Protected]] = {}
        self.deletes: dict[str, list[Protected]] = {}
        self.flat: dict[str, Protected] = {}  # nhandanvn, nhandan-vn → nhandan.vn
        self.names = ahocorasick.Automaton()  # every name, found inside longer labels
        for p in self.protected:
            if p.mode != "alias" or len(p.label) >= ALIAS_ALONE:
                self.by_skeleton.setdefault(skeleton(p.label), []).append(p)
            if p.mode != "alias":
                for reading in loose(p.label):
                    self.by_loose.setdefault(reading, []).append(p)
                    if len(p.label) >= LOOSE_NEAR and p.mode != "press":
                        for variant in {reading, *deletions(reading)}:
                            self.loose_deletes.setdefault(variant, []).append((reading, p))
            self.by_label.setdefault(p.label, []).append(p)
            if p.mode != "alias":
                for form in (p.domain.replace(".", ""), p.domain.replace(".", "-")):
                    self.flat.setdefault(form, p)
            if p.mode in ("full", "press"):
                for variant in {p.label, *deletions(p.label)}:
                    self.deletes.setdefault(variant, []).append(p)
            if len(p.label) >= 3:
                found = self.names.get(p.label, None)
                if found is None:
                    found = []
                    self.names.add_word(p.label, found)
                found.append(p)
        if len(self.names):
            self.names.make_automaton()

    def check(self, host: str, path: str = "") -> Lookalike | None:
        """The official domain `host` imitates, or None. `host` is an A-label host name;
        `path` matters only on hosts that give pages by path (sites.google.com/view/<name>)."""
        if host in self.excluded:
            return None
        parts = split(host)
        if not parts.label or parts.registrable in self.excluded:
            return None
        if parts.registrable in self.domains:
            return None  # under an official domain: the owner's business, not a lookalike
        page = _free_page(host, parts, path)
        if page is not None:
            return self._embedded(host, parts) or self._page(page)
        return (
            self._embedded(host, parts)
            or self._shape(parts.label, parts.suffix)
            or self._combosquat(parts.label)
            or self._typosquat(parts.label, parts.suffix)
            or self._loose(parts.label, parts.suffix)
        )

    def _page(self, name: str) -> Lookalike | None:
        """A page on a free host named like an outlet (`dantri.weebly.com`): its name, the
        name with added words, or a look-alike of it, for every tier."""
        for p in self.by_label.get(name, ()):
            return Lookalike(p.source_id, p.domain, "embedded")
        return self._shape(name, "") or self._combosquat(name, free=True)

    def _embedded(self, host: str, parts: Split) -> Lookalike | None:
        labels = host.split(".")
        for label in labels:
            flat = self.flat.get(label) or self.flat.get(_ascii(label))
            if flat is not None:
                return Lookalike(flat.source_id, flat.domain, "embedded")
        for sub in parts.subdomain.split(".") if parts.subdomain else ():
            for p in self.by_label.get(sub, ()):
                if p.mode in ("full", "alias"):
                    return Lookalike(p.source_id, p.domain, "embedded")
        for i in range(len(labels) - 1):  # nhandan.vn.example.xyz, tin.nhandan.vn.co
            for j in range(i + 2, len(labels)):
                inside = self.domains.get(".".join(labels[i:j]))
                if inside is not None:
                    return Lookalike(inside.source_id, inside.domain, "embedded")
        flat = self.flat.get(host.replace(".", ""))
        if flat is not None:
            return Lookalike(flat.source_id, flat.domain, "embedded")
        return None

    def _shape(self, raw: str, suffix: str) -> Lookalike | None:
        label = _unicode(raw)
        shape = skeleton(label)
        if suffix and swap_prone(suffix):
            swaps = [
                p
                for p in self.by_label.get(raw, ())
                if p.suffix != suffix
                and (p.mode != "alias" or len(p.label) >= ALIAS_ALONE)
                and p.mode != "place"
                and not p.legacy  # an outlet that moved: its name elsewhere may be its new home
            ]
            if swaps:
                p = _closest(swaps, suffix)
                return Lookalike(p.source_id, p.domain, "tld_swap")
        matches = [p for p in self.by_skeleton.get(shape, ()) if p.label != raw]
        if matches:
            return self._named(matches, suffix, "homoglyph", raw)
        if "-" in shape:
            joined = [
                p for p in self.by_skeleton.get(shape.replace("-", ""), ()) if p.mode != "place"
            ]
            if joined:
                return self._named(joined, suffix, "hyphenation")
        if mixed_script(label):  # written to deceive: one edit more is still the name
            near = [
                p
                for variant in {shape, *deletions(shape)}
                for p in self.deletes.get(variant, ())
                if len(p.label) >= 4 and one_edit(shape, p.label)
            ]
            if near:
                return self._named(near, suffix, "homoglyph", raw)
        return None

    def _loose(self, raw: str, suffix: str) -> Lookalike | None:
        """ASCII look-alikes, several at once (0clb.com.vn for ocb.com.vn), or look-alike
        letters and one slip more under the same ending (vietconbank.com.vn)."""
        label = _unicode(raw)
        alike = [
            p
            for reading in loose(label)
            for p in self.by_loose.get(reading, ())
            if p.label != raw and (p.suffix == suffix or (len(p.label) >= SHORT and swap_prone(suffix)))
        ]
        if alike:
            return self._named(alike, suffix, "homoglyph", raw)
        found = []
        for reading in loose(label):
            for variant in {reading, *deletions(reading)}:
                for official, p in self.loose_deletes.get(variant, ()):
                    if p.suffix == suffix and p.label != label and one_edit(reading, official):
                        found.append(p)
        return self._named(found, suffix, "homoglyph", raw) if found else None

    def _named(self, candidates: list[Protected], suffix: str, kind: Kind, label: str = "") -> Lookalike:
        p = _closest(candidates, suffix, label)
        return Lookalike(p.source_id, p.domain, kind)

    def _combosquat(self, label: str, free: bool = False) -> Lookalike | None:
        if not len(self.names):
            return None
        for text in _spellings(label):
            found: list[Protected] = []
            for _, names in self.names.iter(text):
                found.extend(p for p in names if p.label != text)
            for p in sorted(found, key=lambda p: -len(p.label)):
                words = _words(p.mode, free)
                for left, right in _around(text, p.label):
                    if len(p.label) >= SHORT and right.startswith("s"):
                        right = right[1:]  # a plural: vietcombanks
                    if only_affixes(left, words) and only_affixes(right, words):
                        return Lookalike(p.source_id, p.domain, "combosquat")
                if p.mode == "full" and len(p.label) >= 5 and p.label in text.split("-"):
                    return Lookalike(p.source_id, p.domain, "combosquat")
        return None

    def _typosquat(self, raw: str, suffix: str) -> Lookalike | None:
        hits: dict[str, Protected] = {}
        label = raw
        for label in _spellings(raw):
            for variant in {label, *deletions(label)}:
                for p in self.deletes.get(variant, ()):
                    if p.label != label and one_edit(label, p.label):
                        hits.setdefault(p.domain, p)
            if hits:
                break
        # A digit inside a word or a foreign letter in place of a letter is a trick, not a slip.
        text = _unicode(raw)
        deliberate = not text.isascii() or _DIGIT_IN_WORD.search(text) is not None
        near = [p for p in hits.values() if _typo_fits(p, label, suffix, deliberate)]
        if not near:
            return None
        return self._named(near, suffix, "typosquat", raw)


def _typo_fits(p: Protected, label: str, suffix: str, deliberate: bool) -> bool:
    size = len(p.label)
    if deliberate and size >= 4:
        return True
    if p.mode == "press" and not plausible_typo(label, p.label):
        return False  # everyday words: baotiengiang and baokiengiang are two real papers
    if p.suffix == suffix:
        return size > SHORT or plausible_typo(label, p.label)
    if not swap_prone(suffix):
        return False
    if p.mode == "press" or p.legacy:  # everyday words, old names: only a typist's slip
        return size >= SHORT and plausible_typo(label, p.label)
    return size > SHORT or (size == SHORT and plausible_typo(label, p.label))


def _words(mode: Mode, free: bool) -> frozenset[str]:
    if mode == "place":
        return PLACE_AFFIXES
    if mode == "press" and not free:
        return PRESS_AFFIXES
    return SERVICE_AFFIXES


def _around(text: str, name: str) -> Iterable[tuple[str, str]]:
    """Every (left, right) split of `text` around an occurrence of `name`."""
    start = text.find(name)
    while start != -1:
        yield text[:start], text[start + len(name) :]
        start = text.find(name, start + 1)


def _free_page(host: str, parts: Split, path: str) -> str | None:
    """The page name of a free page host (`dantri` in dantri.weebly.com), else None."""
    if host == "sites.google.com":
        segments = [s for s in path.lower().split("/") if s]
        if len(segments) >= 2 and segments[0] in ("view", "site"):
            return segments[1]
        return None
    if parts.registrable in FREE_HOSTS and parts.subdomain:
        name = parts.subdomain.rsplit(".", 1)[-1]
        return None if name == "www" else name
    return None


def swap_prone(suffix: str) -> bool:
    """An ending a squatter aiming at Vietnamese readers would use: Vietnamese (…vn), a
    generic top-level domain (com, net, xyz…) or a country code used as a generic one."""
    last = suffix.rsplit(".", 1)[-1]
    return last == "vn" or len(last) >= 3 or last in GENERIC_CC


_DIGIT_IN_WORD = re.compile(r"[a-z][01][a-z]")
_RANK = {"full": 0, "place": 1, "press": 2, "alias": 3}  # the core names win a tie


def _closest(candidates: list[Protected], suffix: str, label: str = "") -> Protected:
    """Of several official domains a host may imitate: a core name first, then the one under
    the same ending, then the nearest in spelling, then the nearest ending."""
    if len(candidates) == 1:
        return candidates[0]
    mine = set(suffix.split("."))
    text = fold(_unicode(label)) if label else ""
    shape = skeleton(text)
    return min(
        candidates,
        key=lambda p: (
            _RANK[p.mode],
            p.suffix != suffix,
            distance(shape, skeleton(p.label)) if text else 0,
            distance(text, p.label) if text else 0,
            -len(mine.intersection(p.suffix.split("."))),
            distance(p.suffix, suffix),
            p.domain,
        ),
    )


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
