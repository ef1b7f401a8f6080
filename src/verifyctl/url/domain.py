"""Registrable domains from the Public Suffix List, via tldextract's bundled snapshot.

Never split on dots by hand: `id.vn`, `io.vn` and the province names (`binhphuoc.vn`, …) are
public suffixes, so `a.b.binhphuoc.vn` belongs to `b.binhphuoc.vn`. tldextract is told to use
only the snapshot it ships with: no download, no cache written. It is imported on first use
only, since a link that is an exact official host never needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tldextract


@dataclass(frozen=True, slots=True)
class Split:
    subdomain: str  # "" if none
    label: str  # the registrable label: "nhandan" in en.nhandan.vn; "" if the host is a suffix
    suffix: str  # the public suffix: "vn", "com.vn", "binhphuoc.vn"; "" if none is known

    @property
    def registrable(self) -> str:
        if not self.label:
            return ""
        return f"{self.label}.{self.suffix}" if self.suffix else self.label


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=65536)
def split(host: str) -> Split:
    """`host` (A-label, lower case, no trailing dot) in its PSL parts."""
    parts = _extractor().extract_str(host)
    return Split(parts.subdomain, parts.domain, parts.suffix)


def is_public_suffix(name: str) -> bool:
    parts = split(name)
    return not parts.label and parts.suffix == name
