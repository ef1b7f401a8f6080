"""The official-source list as frozen data (schema: README "data/official_sources.yaml")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Tier = Literal["core", "press", "government", "organization"]
Scope = Literal["national", "provincial"]
State = Literal["active", "merged", "retired"]
Confidence = Literal["confirmed", "seen"]
Platform = Literal["facebook", "youtube", "tiktok", "zalo"]

SCHEMA_VERSION = 1
TIERS: tuple[Tier, ...] = ("core", "press", "government", "organization")
SCOPES: tuple[Scope, ...] = ("national", "provincial")
STATES: tuple[State, ...] = ("active", "merged", "retired")
CONFIDENCES: tuple[Confidence, ...] = ("confirmed", "seen")
PLATFORMS: tuple[Platform, ...] = ("facebook", "youtube", "tiktok", "zalo")


@dataclass(frozen=True, slots=True)
class Domain:
    host: str  # IDNA (A-label) form, lower case, no trailing dot
    subdomains: bool
    confidence: Confidence = "confirmed"
    legacy: bool = False  # an old address the outlet no longer publishes on
    suffix: bool = False  # the host is a public suffix (gov.vn): every domain under it counts
    line: int = 0
    note: str = ""
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Account:
    platform: Platform
    handle: str | None = None  # as written, e.g. "@vtv24news" or "thongtinchinhphu"
    channel_id: str | None = None  # youtube UC… id or a numeric page id
    confidence: Confidence = "seen"
    evidence: tuple[str, ...] = ()
    line: int = 0
    note: str = ""


@dataclass(frozen=True, slots=True)
class Status:
    state: State = "active"
    since: dt.date | None = None
    until: dt.date | None = None
    successor: str | None = None
    note: str = ""
    evidence: tuple[str, ...] = ()

    def active_on(self, day: dt.date) -> bool:
        """Whether the outlet published under this identity on `day` (for links from before a merger)."""
        if self.since is not None and day < self.since:
            return False
        return self.until is None or day < self.until


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: str
    name_en: str
    tier: Tier
    scope: Scope
    domains: tuple[Domain, ...]
    accounts: tuple[Account, ...] = ()
    aliases: tuple[str, ...] = ()
    status: Status = field(default_factory=Status)
    evidence: tuple[str, ...] = ()
    confidence: Confidence = "confirmed"
    verified_on: dt.date | None = None
    parent: str | None = None
    note: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Impersonator:
    host: str
    imitates: str | None  # a source id
    why: str
    evidence: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class SourceList:
    schema_version: int
    sources: tuple[Source, ...]
    impersonators: tuple[Impersonator, ...] = ()
    path: str = ""
    not_lookalikes: tuple[str, ...] = ()  # real, unrelated hosts one edit from an official one

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
