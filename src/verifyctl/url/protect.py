"""Which official domains are protected against lookalikes, and how strongly.

Every host on the list, of every tier, is exempt (with everything under its registrable
domain): precision comes from listing real sites, not from switching tricks off.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from verifyctl.url.confusables import plain
from verifyctl.url.domain import split
from verifyctl.url.lookalike import LookalikeIndex, Mode, Protected, is_place_name

if TYPE_CHECKING:
    from verifyctl.sources.model import Source, SourceList

# Tiers whose aliases are names people type into a search box or a scam message: the
# abbreviations of a public service or a company (bhxh, dvc, gplx, vcb).
ALIAS_TIERS = frozenset(["government", "service"])
_ONE_WORD = re.compile(r"^[a-z][a-z0-9]{2,29}$")


def lookalike_index(sources: SourceList) -> LookalikeIndex:
    protected: dict[str, Protected] = {}
    listed: set[str] = set()
    entries = [(s, d) for s in sources.sources for d in s.domains]
    # An outlet's own registrable domain first: vnanet.vn belongs to TTXVN, not to VNews
    # whose vnews.vnanet.vn merely lies under it.
    entries.sort(key=lambda e: split(e[1].host).registrable != e[1].host)
    for source, domain in entries:
        listed.add(domain.host)
        if domain.suffix:
            continue  # gov.vn: anything under it is official; nothing to imitate by name
        parts = split(domain.host)
        listed.add(parts.registrable)
        name = parts.label
        if parts.suffix == "gov.vn" and parts.subdomain and "." not in parts.subdomain:
            # evisa.xuatnhapcanh.gov.vn, dichvucong.baohiemxahoi.gov.vn: the service's own
            # name is the first label, and both are protected.
            _add(protected, source, parts.subdomain, domain.host)
        if not name or parts.registrable in protected:
            continue
        _add(protected, source, name, parts.registrable, parts.suffix, domain.legacy)
    aliases = [
        Protected(home, alias, "", source.id, "alias")
        for source in sources.sources
        # A province's aliases are its place name (`hochiminh`, `dongnai`): everyone's to use.
        if source.tier in ALIAS_TIERS and source.scope == "national" and (home := _home(source)) is not None
        for alias in _aliases(source)
    ]
    known = {p.label for p in protected.values()}
    aliases = [a for a in aliases if a.label not in known]
    excluded = set(getattr(sources, "not_lookalikes", ()))
    return LookalikeIndex([*protected.values(), *aliases], excluded | listed)


def _add(
    protected: dict[str, Protected],
    source: Source,
    name: str,
    domain: str,
    suffix: str = "",
    legacy: bool = False,
) -> None:
    if domain in protected:
        return
    mode: Mode = "press" if source.tier == "press" else "full"
    if mode == "full" and is_place_name(name):
        mode = "place"
    suffix = suffix or domain.split(".", 1)[1]
    # An old address keeps its name protected, but it is no longer the one people are sent
    # to: vovnews.vn is not what voanews.com imitates.
    protected[domain] = Protected(domain, name, suffix, source.id, mode, legacy)


def _home(source: Source) -> str | None:
    """The domain an alias's imitations are said to imitate: the source's first current one."""
    for domain in source.domains:
        if not domain.legacy and not domain.suffix:
            return domain.host
    return None


def _aliases(source: Source) -> set[str]:
    """The source's name and aliases written as one lower-case word: `BHXH` → bhxh,
    `Bộ Công Thương` → bocongthuong (people type names without spaces or accents)."""
    out = set()
    for alias in (source.name, *source.aliases):
        word = plain(alias.replace(" ", "").replace("-", "").replace(".", ""))
        if _ONE_WORD.match(word) and not is_place_name(word):
            out.add(word)
    return out
