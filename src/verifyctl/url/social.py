"""Social-media links: which account a link belongs to, compared exactly with the list.

Supported: Facebook (facebook.com with www./m./web./mbasic./touch., fb.com; `/NAME`,
`/profile.php?id=N`, `/pages/…/N`, `/people/…/N`, `/groups/NAME`, `/permalink.php?id=N`),
YouTube (`/@handle`, `/channel/UC…`, `/c/NAME`, `/user/NAME`), TikTok (`/@handle`) and Zalo
(`zalo.me/NAME`, `zalo.me/s/ID`). A link that names no account (a video, a share link,
fb.watch, youtu.be) is still a social-media link: the account cannot be told from it.

Comparison is exact, never by prefix: `facebook.com/vov` does not vouch for
`facebook.com/vovfake`. Case is ignored where the platform ignores it (Facebook usernames,
YouTube and TikTok handles, Zalo names), and so are the dots in a Facebook username, which
Facebook ignores too. Channel and page ids are compared as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from verifyctl.url.platforms import PLATFORM_DOMAINS as PLATFORM_DOMAINS  # re-exported
from verifyctl.url.platforms import Platform

if TYPE_CHECKING:
    from verifyctl.url.parse import ParsedUrl

RefKind = Literal["handle", "id", "group", "channel", "none"]

_FB_CONTENT = frozenset(
    ["watch", "reel", "reels", "photo", "photo.php", "photos", "video.php", "videos", "share", "sharer", "sharer.php", "story.php", "events", "hashtag", "search", "marketplace", "login", "login.php", "help", "policies", "privacy", "settings", "notifications", "messages", "gaming", "stories", "dialog", "plugins", "home.php", "l.php", "business", "ads", "media", "gp", "bookmarks", "friends", "saved", "live", "fundraisers", "checkpoint", "recover"]
)
_YT_CONTENT = frozenset(
    ["watch", "shorts", "live", "embed", "playlist", "results", "feed", "hashtag", "premium", "gaming", "music", "kids", "v"]
)
_DIGITS = re.compile(r"^\d{5,20}$")
_FB_ID_SUFFIX = re.compile(r"-(\d{8,20})$")


@dataclass(frozen=True, slots=True)
class AccountRef:
    platform: Platform
    kind: RefKind  # "none": a social link that names no account
    key: str  # the normalised value compared with the list
    shown: str  # as written in the link, for messages


def account_of(url: ParsedUrl, platform: Platform) -> AccountRef:
    segments = [s for s in url.path.split("/") if s]
    if platform == "facebook":
        return _facebook(url, segments)
    if platform == "youtube":
        return _youtube(url, segments)
    if platform == "tiktok":
        return _tiktok(segments)
    return _zalo(segments)


def handle_key(platform: str, handle: str) -> tuple[RefKind, str]:
    """How a handle written in the source list is compared."""
    text = handle.strip().strip("/")
    if platform == "facebook" and text.lower().startswith("groups/"):
        return "group", text.split("/", 1)[1].lower()
    text = text.lstrip("@").lower()
    if platform == "facebook":
        return ("id", text) if _DIGITS.match(text) else ("handle", text.replace(".", ""))
    return "handle", text


def channel_key(platform: str, channel_id: str) -> tuple[RefKind, str]:
    return ("channel", channel_id) if platform == "youtube" else ("id", channel_id)


def _none(platform: Platform) -> AccountRef:
    return AccountRef(platform, "none", "", "")


def _facebook(url: ParsedUrl, segments: list[str]) -> AccountRef:
    if url.host in ("fb.watch", "fb.me") or url.host.endswith((".fb.watch", ".fb.me")):
        return _none("facebook")
    query: dict[str, list[str]] = {}
    if url.query:
        from urllib.parse import parse_qs

        query = parse_qs(url.query)
    if not segments:
        return _none("facebook")
    first = segments[0].lower()
    if first in ("profile.php", "permalink.php") and query.get("id"):
        return _id(query["id"][0])
    if first in ("pages", "people", "p"):
        numeric = [s for s in segments[1:] if _DIGITS.match(s)]
        if numeric:
            return _id(numeric[-1])
        if first == "p" and len(segments) > 1:
            tail = _FB_ID_SUFFIX.search(segments[1])
            if tail:
                return _id(tail.group(1))
        return _none("facebook")
    if first == "groups" and len(segments) > 1:
        return AccountRef("facebook", "group", segments[1].lower(), f"groups/{segments[1]}")
    if first == "pg" and len(segments) > 1:
        first, segments = segments[1].lower(), segments[1:]
    if first in _FB_CONTENT or first.endswith(".php"):
        return _none("facebook")
    if _DIGITS.match(first):
        return _id(first)
    tail = _FB_ID_SUFFIX.search(first)
    if tail:
        return _id(tail.group(1))
    return AccountRef("facebook", "handle", first.replace(".", ""), segments[0])


def _id(value: str) -> AccountRef:
    return AccountRef("facebook", "id", value, value)


def _youtube(url: ParsedUrl, segments: list[str]) -> AccountRef:
    if url.host == "youtu.be" or not segments:
        return _none("youtube")
    first = segments[0]
    if first.startswith("@") and len(first) > 1:
        return AccountRef("youtube", "handle", first[1:].lower(), first)
    lowered = first.lower()
    if lowered == "channel" and len(segments) > 1:
        return AccountRef("youtube", "channel", segments[1], segments[1])
    if lowered in ("c", "user") and len(segments) > 1:
        return AccountRef("youtube", "handle", segments[1].lower(), segments[1])
    if lowered in _YT_CONTENT:
        return _none("youtube")
    return AccountRef("youtube", "handle", lowered, first)


def _tiktok(segments: list[str]) -> AccountRef:
    if segments and segments[0].startswith("@") and len(segments[0]) > 1:
        return AccountRef("tiktok", "handle", segments[0][1:].lower(), segments[0])
    return _none("tiktok")


def _zalo(segments: list[str]) -> AccountRef:
    if not segments:
        return _none("zalo")
    if segments[0] == "s" and len(segments) > 1:
        return AccountRef("zalo", "id", segments[1], segments[1])
    if segments[0].lower() in ("g", "pc", "app", "download"):
        return _none("zalo")
    return AccountRef("zalo", "handle", segments[0].lower(), segments[0])
