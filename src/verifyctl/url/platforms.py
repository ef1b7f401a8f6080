"""Which hosts are social-media platforms (kept apart from `social`, whose parsing of paths
is imported only when a social link is checked)."""

from __future__ import annotations

from typing import Literal

from verifyctl.url.suffixes import depth, parents

Platform = Literal["facebook", "youtube", "tiktok", "zalo"]

PLATFORM_DOMAINS: dict[str, Platform] = {
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "fb.watch": "facebook",
    "fb.me": "facebook",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "youtube-nocookie.com": "youtube",
    "tiktok.com": "tiktok",
    "zalo.me": "zalo",
}
_DEPTH = depth(PLATFORM_DOMAINS)

# Links that name no account until followed: --online expands them like short links.
EXPANDABLE = frozenset({"fb.watch", "fb.me", "vt.tiktok.com", "vm.tiktok.com"})


def platform_of(host: str) -> Platform | None:
    """The platform `host` belongs to (itself or a parent domain), if any."""
    platform = PLATFORM_DOMAINS.get(host)
    if platform is None:
        for parent in parents(host, _DEPTH):
            platform = PLATFORM_DOMAINS.get(parent)
            if platform is not None:
                break
    return platform
