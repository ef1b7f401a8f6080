"""Official social-media accounts, for exact lookup and for spotting imitations.

An account matches only on its own platform, kind and exact key (`social.handle_key`). A
handle that is not on the list but passes for one that is (same look with other separators,
one character off, or the official handle with news words or digits around it:
`vtv24news_`, `thongtinchinhphu.official`, `vtv24news_vn`) is an imitation. An exact match with an official handle on ANOTHER platform
is not accused: the outlet may simply be there too, so it stays unknown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from verifyctl.url.confusables import skeleton
from verifyctl.url.social import AccountRef, channel_key, handle_key
from verifyctl.url.typos import AFFIXES, one_edit, only_affixes

if TYPE_CHECKING:
    from verifyctl.sources.model import Account, Source, SourceList

_SEPARATORS = re.compile(r"[._\-]+")
MIN_FUZZY = 5  # shorter handles are too common to call a one-letter change an imitation


class AccountIndex:
    def __init__(self, sources: SourceList) -> None:
        self.exact_keys: dict[tuple[str, str, str], tuple[Source, Account]] = {}
        self.handles: list[tuple[str, str, Source]] = []  # (squeezed skeleton, shown, source)
        for source in sources.sources:
            for account in source.accounts:
                keys = []
                if account.handle:
                    keys.append(handle_key(account.platform, account.handle))
                if account.channel_id:
                    keys.append(channel_key(account.platform, account.channel_id))
                for kind, key in keys:
                    self.exact_keys.setdefault((account.platform, kind, key), (source, account))
                    if kind in ("handle", "group"):
                        self.handles.append((_squeeze(key), account.handle or key, source))
        self.any_platform = frozenset(key for _, _, key in self.exact_keys)

    def exact(self, ref: AccountRef) -> tuple[Source, Account] | None:
        return self.exact_keys.get((ref.platform, ref.kind, ref.key))

    def imitated(self, ref: AccountRef) -> tuple[Source, str] | None:
        """The official account `ref` passes for, if any (never an exact match)."""
        if ref.kind not in ("handle", "group"):
            return None
        if ref.key in self.any_platform:
            return None  # an official name, on a platform where the outlet is not listed
        mine = _squeeze(ref.key)
        for official, shown, source in self.handles:
            if len(official) < MIN_FUZZY:
                continue
            if mine == official:
                return source, shown  # the same look, other separators: vtv24news_
            if official in mine:
                left, _, right = mine.partition(official)
                if only_affixes(left, AFFIXES | {"fake"}) and only_affixes(right, AFFIXES):
                    return source, shown
            if one_edit(mine, official):
                return source, shown
        return None


def _squeeze(handle: str) -> str:
    """A handle's look without separators: `Thong.Tin_ChinhPhu` → `thongtinchinhphu`."""
    return skeleton(_SEPARATORS.sub("", handle.lower().lstrip("@")))
