"""Which sources `sources list` shows: by tier, state and province.

The list has no province field: a province is named in a provincial source's name or aliases
("Báo và Phát thanh, Truyền hình Nghệ An", "UBND tỉnh Hà Giang"), so the filter looks there,
without diacritics or case, as whole words. An outlet that merged into a matching one counts too, so
`--province "Ninh Bình"` also shows Báo Hà Nam and Báo Nam Định, merged into Ninh Bình in 2025.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from verifyctl.sources.model import Source

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """`Báo Đắk Lắk` → ` bao dak lak `: lower case, no diacritics, words padded by spaces."""
    stripped = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in stripped if not unicodedata.combining(ch)).lower()
    return " " + " ".join(_NOT_WORD.sub(" ", plain).split()) + " "


def names_province(source: Source, province: str) -> bool:
    wanted = fold(province)
    return any(wanted in fold(name) for name in (source.name, source.name_en, *source.aliases))


def select(
    sources: Sequence[Source],
    tiers: Iterable[str] = (),
    states: Iterable[str] = (),
    provinces: Iterable[str] = (),
) -> list[Source]:
    tier_set, state_set, wanted = set(tiers), set(states), [p for p in provinces if fold(p).strip()]
    chosen = [
        s for s in sources if (not tier_set or s.tier in tier_set) and (not state_set or s.status.state in state_set)
    ]
    if not wanted:
        return chosen
    by_id = {s.id: s for s in sources}
    # Only provincial sources: national bodies carry place names too (Đoàn TNCS Hồ Chí Minh).
    matched = {s.id for s in sources if s.scope == "provincial" and any(names_province(s, p) for p in wanted)}

    def merged_into_match(source: Source) -> bool:
        seen: set[str] = set()
        current: Source | None = source
        while current is not None and current.id not in seen:
            if current.id in matched:
                return True
            seen.add(current.id)
            current = by_id.get(current.status.successor or "")
        return False

    return [s for s in chosen if merged_into_match(s)]
