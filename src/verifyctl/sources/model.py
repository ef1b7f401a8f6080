"""The official-source list as frozen data (schema: README "data/official_sources.yaml").

Plain `Frozen` records rather than dataclasses: this module is on `check`'s start-up path.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from verifyctl.frozen import Frozen, set_field

Tier = Literal["core", "press", "government", "organization", "service"]
Scope = Literal["national", "provincial"]
State = Literal["active", "merged", "retired"]
Confidence = Literal["confirmed", "seen"]
Platform = Literal["facebook", "youtube", "tiktok", "zalo"]

SCHEMA_VERSION = 1
TIERS: tuple[Tier, ...] = ("core", "press", "government", "organization", "service")
SCOPES: tuple[Scope, ...] = ("national", "provincial")
STATES: tuple[State, ...] = ("active", "merged", "retired")
CONFIDENCES: tuple[Confidence, ...] = ("confirmed", "seen")
PLATFORMS: tuple[Platform, ...] = ("facebook", "youtube", "tiktok", "zalo")


class Domain(Frozen):
    __match_args__ = ("host", "subdomains", "confidence", "legacy", "suffix", "line", "note", "evidence")
    __slots__ = __match_args__
    host: str  # IDNA (A-label) form, lower case, no trailing dot
    subdomains: bool
    confidence: Confidence
    legacy: bool  # an old address the outlet no longer publishes on
    suffix: bool  # the host is a public suffix (gov.vn): every domain under it counts
    line: int
    note: str
    evidence: tuple[str, ...]

    def __init__(
        self,
        host: str,
        subdomains: bool,
        confidence: Confidence = "confirmed",
        legacy: bool = False,
        suffix: bool = False,
        line: int = 0,
        note: str = "",
        evidence: tuple[str, ...] = (),
    ) -> None:
        set_field(self, "host", host)
        set_field(self, "subdomains", subdomains)
        set_field(self, "confidence", confidence)
        set_field(self, "legacy", legacy)
        set_field(self, "suffix", suffix)
        set_field(self, "line", line)
        set_field(self, "note", note)
        set_field(self, "evidence", evidence)


class Account(Frozen):
    __match_args__ = ("platform", "handle", "channel_id", "confidence", "evidence", "line", "note")
    __slots__ = __match_args__
    platform: Platform
    handle: str | None  # as written, e.g. "@vtv24news" or "thongtinchinhphu"
    channel_id: str | None  # youtube UC… id or a numeric page id
    confidence: Confidence
    evidence: tuple[str, ...]
    line: int
    note: str

    def __init__(
        self,
        platform: Platform,
        handle: str | None = None,
        channel_id: str | None = None,
        confidence: Confidence = "seen",
        evidence: tuple[str, ...] = (),
        line: int = 0,
        note: str = "",
    ) -> None:
        set_field(self, "platform", platform)
        set_field(self, "handle", handle)
        set_field(self, "channel_id", channel_id)
        set_field(self, "confidence", confidence)
        set_field(self, "evidence", evidence)
        set_field(self, "line", line)
        set_field(self, "note", note)


class Status(Frozen):
    __match_args__ = ("state", "since", "until", "successor", "note", "evidence")
    __slots__ = __match_args__
    state: State
    since: dt.date | None
    until: dt.date | None
    successor: str | None
    note: str
    evidence: tuple[str, ...]

    def __init__(
        self,
        state: State = "active",
        since: dt.date | None = None,
        until: dt.date | None = None,
        successor: str | None = None,
        note: str = "",
        evidence: tuple[str, ...] = (),
    ) -> None:
        set_field(self, "state", state)
        set_field(self, "since", since)
        set_field(self, "until", until)
        set_field(self, "successor", successor)
        set_field(self, "note", note)
        set_field(self, "evidence", evidence)

    def active_on(self, day: dt.date) -> bool:
        """Whether the outlet published under this identity on `day` (for links from before a merger)."""
        if self.since is not None and day < self.since:
            return False
        return self.until is None or day < self.until


class Source(Frozen):
    __match_args__ = (
        "id", "name", "name_en", "tier", "scope", "domains", "accounts", "aliases", "status",
        "evidence", "confidence", "verified_on", "parent", "note", "line", "file",
    )  # fmt: skip
    __slots__ = __match_args__
    id: str
    name: str
    name_en: str
    tier: Tier
    scope: Scope
    domains: tuple[Domain, ...]
    accounts: tuple[Account, ...]
    aliases: tuple[str, ...]
    status: Status
    evidence: tuple[str, ...]
    confidence: Confidence
    verified_on: dt.date | None
    parent: str | None
    note: str
    line: int
    file: str  # "" for the entry file, else the path its `include` gives

    def __init__(
        self,
        id: str,
        name: str,
        name_en: str,
        tier: Tier,
        scope: Scope,
        domains: tuple[Domain, ...],
        accounts: tuple[Account, ...] = (),
        aliases: tuple[str, ...] = (),
        status: Status | None = None,
        evidence: tuple[str, ...] = (),
        confidence: Confidence = "confirmed",
        verified_on: dt.date | None = None,
        parent: str | None = None,
        note: str = "",
        line: int = 0,
        file: str = "",
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "name", name)
        set_field(self, "name_en", name_en)
        set_field(self, "tier", tier)
        set_field(self, "scope", scope)
        set_field(self, "domains", domains)
        set_field(self, "accounts", accounts)
        set_field(self, "aliases", aliases)
        set_field(self, "status", Status() if status is None else status)
        set_field(self, "evidence", evidence)
        set_field(self, "confidence", confidence)
        set_field(self, "verified_on", verified_on)
        set_field(self, "parent", parent)
        set_field(self, "note", note)
        set_field(self, "line", line)
        set_field(self, "file", file)


class Impersonator(Frozen):
    __match_args__ = ("host", "imitates", "why", "evidence", "line")
    __slots__ = __match_args__
    host: str
    imitates: str | None  # a source id
    why: str
    evidence: tuple[str, ...]
    line: int

    def __init__(
        self, host: str, imitates: str | None, why: str, evidence: tuple[str, ...], line: int = 0
    ) -> None:
        set_field(self, "host", host)
        set_field(self, "imitates", imitates)
        set_field(self, "why", why)
        set_field(self, "evidence", evidence)
        set_field(self, "line", line)


class SourceList(Frozen):
    __match_args__ = ("schema_version", "sources", "impersonators", "path", "not_lookalikes")
    __slots__ = __match_args__
    schema_version: int
    sources: tuple[Source, ...]
    impersonators: tuple[Impersonator, ...]
    path: str
    not_lookalikes: tuple[str, ...]  # real, unrelated hosts one edit from an official one

    def __init__(
        self,
        schema_version: int,
        sources: tuple[Source, ...],
        impersonators: tuple[Impersonator, ...] = (),
        path: str = "",
        not_lookalikes: tuple[str, ...] = (),
    ) -> None:
        set_field(self, "schema_version", schema_version)
        set_field(self, "sources", sources)
        set_field(self, "impersonators", impersonators)
        set_field(self, "path", path)
        set_field(self, "not_lookalikes", not_lookalikes)

    def by_id(self, source_id: str) -> Source | None:
        for source in self.sources:
            if source.id == source_id:
                return source
        return None

    def by_host(self, host: str) -> Source | None:
        """The source that lists exactly `host` (no subdomain matching: that is the URL check's job)."""
        for source in self.sources:
            if any(domain.host == host for domain in source.domains):
                return source
        return None

    def predecessors(self, source_id: str) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.status.successor == source_id)
