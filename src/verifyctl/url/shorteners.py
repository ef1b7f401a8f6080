"""Known URL shorteners (`data/url_shorteners.txt`, from PeterDaveHello/url-shorteners,
CC-BY-SA-4.0: the file keeps its licence header).

A listed host is a shortener as a whole host only (with `www.` in front): the list names
`gov.tw` (Taiwan's government shortener), and every `*.gov.tw` site is not one. The few
services that give every customer a subdomain of their own (`<brand>.app.link`,
`<app>.page.link`) are matched with their subdomains.
"""

from __future__ import annotations

from functools import lru_cache

from verifyctl import datafiles
from verifyctl.url.suffixes import depth, parents

FILE = "url_shorteners.txt"
# Deep-link and short-link services that serve their links from a subdomain per customer.
SERVES_SUBDOMAINS = frozenset(["app.link", "test-app.link", "page.link", "onelink.me", "lnk.to", "sng.link", "short.gy"])
_SERVES_DEPTH = depth(SERVES_SUBDOMAINS)


@lru_cache(maxsize=1)
def shorteners() -> frozenset[str]:
    text = datafiles.read_text(datafiles.data_path(FILE))
    hosts = (line.split("#", 1)[0].strip().lower().rstrip(".") for line in text.splitlines())
    return frozenset(h for h in hosts if h) | SERVES_SUBDOMAINS


def is_shortener(host: str) -> bool:
    known = shorteners()
    if host in known or (host.startswith("www.") and host[4:] in known):
        return True
    # Only as deep as the deepest such service: linear in the host's length, however long.
    return any(parent in SERVES_SUBDOMAINS for parent in parents(host, _SERVES_DEPTH))
