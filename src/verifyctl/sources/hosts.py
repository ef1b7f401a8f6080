"""What a host in the source list may be: a DNS name in IDNA A-label form, not a URL, not an IP
address, not a bare public suffix and not a whole platform that hosts everyone.

`normalise` is cheap and used by the loader; `classify` needs the public suffix list
(tldextract's bundled snapshot, never a download) and is used by `sources validate` only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import tldextract

HostProblem = Literal["url", "ip", "invalid", "public-suffix", "platform"]

# Sites where anyone can publish: listing one of these would make every page on it "official".
# Accounts on them go under `accounts`, never `domains`.
PLATFORMS = frozenset(
    {
        "facebook.com", "fb.com", "fb.me", "fb.watch", "m.facebook.com", "messenger.com",
        "youtube.com", "youtu.be", "m.youtube.com", "tiktok.com", "vt.tiktok.com",
        "zalo.me", "zaloapp.com", "zalo.vn", "google.com", "sites.google.com",
        "docs.google.com", "drive.google.com", "forms.gle", "blogspot.com", "blogger.com",
        "wordpress.com", "medium.com", "substack.com", "x.com", "twitter.com", "t.co",
        "instagram.com", "threads.net", "t.me", "telegram.me", "telegram.org", "github.io",
        "github.com", "gitlab.io", "netlify.app", "vercel.app", "pages.dev", "web.app",
        "firebaseapp.com", "weebly.com", "wixsite.com", "wix.com", "tumblr.com",
        "linkedin.com", "reddit.com", "bit.ly", "tinyurl.com", "linktr.ee", "baomoi.com",
    }
)
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_URLISH = re.compile(r"^[a-z][a-z0-9+.\-]*://|[/?#@\\\s]|:\d*$", re.IGNORECASE)


class HostError(ValueError):
    pass


def normalise(host: str) -> str:
    """Lower case, no trailing dot, Unicode labels as IDNA A-labels (UTS #46)."""
    name = host.strip().rstrip(".")
    if name.isascii():
        return name.lower()
    import idna

    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise HostError(str(exc)) from None


def is_ip(host: str) -> bool:
    import ipaddress

    candidate = host.strip("[]")
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


def classify(host: str, *, suffix_allowed: bool = False) -> HostProblem | None:
    """Why `host` (as written in the file) cannot be listed, or None when it can."""
    if _URLISH.search(host.strip()):
        return "url"
    if is_ip(host):
        return "ip"
    try:
        name = normalise(host)
    except HostError:
        return "invalid"
    labels = name.split(".")
    if len(name) > 253 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        return "invalid"
    if name in PLATFORMS:
        return "platform"
    if is_public_suffix(name):
        return None if suffix_allowed and len(labels) > 1 else "public-suffix"
    return None if len(labels) > 1 else "invalid"


def is_public_suffix(name: str) -> bool:
    """`vn`, `com.vn`, `id.vn`, `binhphuoc.vn`: names under which anyone can register."""
    result = _extractor()(name)
    return not result.domain and bool(result.suffix)


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
