"""Which official domains are protected against lookalikes, and how strongly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from verifyctl.url.domain import split
from verifyctl.url.lookalike import LookalikeIndex, Mode, Protected, is_place_name

if TYPE_CHECKING:
    from verifyctl.sources.model import SourceList


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
        if not parts.label or parts.registrable in protected:
            continue
        mode: Mode = "press" if source.tier == "press" else "full"
        if mode == "full" and is_place_name(parts.label):
            mode = "place"
        protected[parts.registrable] = Protected(
            parts.registrable, parts.label, parts.suffix, source.id, mode
        )
    excluded = set(getattr(sources, "not_lookalikes", ()))
    return LookalikeIndex(protected.values(), excluded | listed)
