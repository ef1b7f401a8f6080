"""A small valid source list that the table-driven tests break one line at a time."""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2026, 11, 29)

# Line numbers matter: tests name the line each broken copy must be reported on.
BASE = """\
schema_version: 1
sources:
  - id: alpha
    name: Báo Alpha
    name_en: Alpha newspaper
    tier: core
    scope: national
    domains:
      - host: alpha.vn
        subdomains: true
      - host: alpha-old.com.vn
        subdomains: false
        legacy: true
    accounts:
      - platform: facebook
        handle: baoalpha
        confidence: seen
        evidence: [seen in public code only]
      - platform: youtube
        handle: "@alphatv"
        channel_id: UCabsTV34JwALXKGMqHpvUiA
        confidence: confirmed
        evidence: [https://alpha.vn/about]
    status:
      state: merged
      since: 2019-10-28
      until: 2025-07-01
      successor: beta
    evidence: [https://alpha.vn/about]
    confidence: confirmed
    verified_on: 2026-11-01
  - id: beta
    name: Báo Beta
    name_en: Beta newspaper
    tier: press
    scope: provincial
    parent: alpha
    domains:
      - host: beta.vn
        subdomains: true
    status: {state: active, since: 2025-07-01}
    evidence: [https://beta.vn/gioi-thieu]
    confidence: seen
    verified_on: 2026-11-01
impersonators:
  - host: alphanews.com
    imitates: alpha
    why: copies Alpha
    evidence: [https://example.org/warning]
  - host: 203.0.113.7
    imitates: beta
    why: raw IP serving Beta pages
    evidence: [https://example.org/warning]
not_lookalikes:
  - host: alpho.vn
    why: a real, unrelated site
"""


def broken(old: str, new: str, count: int = 1) -> str:
    """BASE with `old` replaced by `new` (which must occur), keeping every other line."""
    assert BASE.count(old) >= count, old
    return BASE.replace(old, new, count)
