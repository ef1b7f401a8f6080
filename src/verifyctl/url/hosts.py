"""The host index: which official source, if any, a host belongs to.

A host matches an entry when it equals the entry's host, when it is a subdomain and the entry
allows subdomains, or when the entry is a public suffix (`gov.vn`) and the host lies under
it. The most specific entry wins, so a listed host's own state (a merged province portal under
gov.vn) decides before the suffix entry does. `www.`, `m.`, `amp.` and `mobile.` in front of a host are
the same site, so `www.daihoidangtoanquoc.vn` matches an entry that allows no subdomains.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from verifyctl.frozen import Frozen, set_field
from verifyctl.url.suffixes import depth, parents

if TYPE_CHECKING:
    from verifyctl.sources.model import Domain, Source, SourceList

SAME_SITE_PREFIXES = ("www.", "m.", "amp.", "mobile.")


class HostMatch(Frozen):
    __match_args__ = ("source", "domain")
    __slots__ = __match_args__
    source: Source
    domain: Domain

    def __init__(self, source: Source, domain: Domain) -> None:
        set_field(self, "source", source)
        set_field(self, "domain", domain)


class HostIndex:
    def __init__(self, sources: SourceList) -> None:
        self.exact: dict[str, HostMatch] = {}
        self.below: dict[str, HostMatch] = {}  # entries whose subdomains count
        for source in sources.sources:
            for domain in source.domains:
                host = domain.host.lower().rstrip(".")
                match = HostMatch(source, domain)
                if domain.suffix:
                    self.below.setdefault(host, match)
                    continue
                self.exact.setdefault(host, match)
                # A merged or closed outlet's host shadows everything under it, `subdomains` or
                # not: otherwise a suffix entry above it (gov.vn) would vouch for its subdomains.
                if domain.subdomains or source.status.state != "active":
                    self.below.setdefault(host, match)
        self.below_depth = depth(self.below)

    def lookup(self, host: str) -> HostMatch | None:
        match = self.exact.get(host)
        if match is not None:
            return match
        for prefix in SAME_SITE_PREFIXES:
            if host.startswith(prefix):
                match = self.exact.get(host[len(prefix) :])
                if match is not None:
                    return match
        for parent in parents(host, self.below_depth):
            match = self.below.get(parent)
            if match is not None:
                return match
        return None
