"""Sources as plain data for JSON and CSV (the library side of `sources list` and `show`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from verifyctl.sources import hosts
from verifyctl.sources.model import Account, Domain, Impersonator, Source, SourceList

CSV_COLUMNS = (
    "id", "name", "name_en", "tier", "scope", "state", "since", "until", "successor",
    "domains", "accounts", "confidence", "verified_on",
)


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def domain_dict(domain: Domain) -> dict[str, Any]:
    return {
        "host": domain.host,
        "subdomains": domain.subdomains,
        "suffix": domain.suffix,
        "legacy": domain.legacy,
        "confidence": domain.confidence,
        "note": domain.note,
        "evidence": list(domain.evidence),
    }


def account_dict(account: Account) -> dict[str, Any]:
    return {
        "platform": account.platform,
        "handle": account.handle,
        "channel_id": account.channel_id,
        "confidence": account.confidence,
        "note": account.note,
        "evidence": list(account.evidence),
    }


def source_dict(source: Source, sources: SourceList | None = None) -> dict[str, Any]:
    status = source.status
    out: dict[str, Any] = {
        "id": source.id,
        "name": source.name,
        "name_en": source.name_en,
        "aliases": list(source.aliases),
        "tier": source.tier,
        "scope": source.scope,
        "parent": source.parent,
        "status": {
            "state": status.state,
            "since": _day(status.since),
            "until": _day(status.until),
            "successor": status.successor,
            "note": status.note,
            "evidence": list(status.evidence),
        },
        "domains": [domain_dict(d) for d in source.domains],
        "accounts": [account_dict(a) for a in source.accounts],
        "evidence": list(source.evidence),
        "confidence": source.confidence,
        "verified_on": _day(source.verified_on),
        "note": source.note,
    }
    if sources is not None:
        out["predecessors"] = [p.id for p in sources.predecessors(source.id)]
    return out


def impersonator_dict(item: Impersonator) -> dict[str, Any]:
    return {"host": item.host, "imitates": item.imitates, "why": item.why, "evidence": list(item.evidence)}


def account_label(account: Account) -> str:
    return f"{account.platform}:{account.handle or account.channel_id}"


def csv_row(source: Source) -> dict[str, str]:
    status = source.status
    return {
        "id": source.id,
        "name": source.name,
        "name_en": source.name_en,
        "tier": source.tier,
        "scope": source.scope,
        "state": status.state,
        "since": _day(status.since) or "",
        "until": _day(status.until) or "",
        "successor": status.successor or "",
        "domains": " ".join(("*." if d.suffix else "") + d.host for d in source.domains),
        "accounts": " ".join(account_label(a) for a in source.accounts),
        "confidence": source.confidence,
        "verified_on": _day(source.verified_on) or "",
    }


def find(sources: SourceList, query: str) -> Source | Impersonator | None:
    """A source by id, else by name or alias, else by host: exact, then the closest listed
    parent that counts subdomains.

    `query` may be a URL; its host is used.
    """
    from verifyctl.sources.lookup import by_name

    found = sources.by_id(query) or by_name(sources, query)
    if found is not None:
        return found
    host = _host_of(query)
    if host is None:
        return None
    for item in sources.impersonators:
        if item.host == host:
            return item
    labels = host.split(".")
    for start in range(len(labels) - 1):
        candidate = ".".join(labels[start:])
        for source in sources.sources:
            for domain in source.domains:
                if domain.host == candidate and (start == 0 or domain.subdomains):
                    return source
    return None


def _host_of(query: str) -> str | None:
    text = query.strip()
    if "://" not in text:
        text = "//" + text
    from urllib.parse import urlsplit

    try:
        name = urlsplit(text).hostname
        return hosts.normalise(name).removeprefix("www.") if name else None
    except (ValueError, hosts.HostError):
        return None
