"""Registrable domains from the Public Suffix List, via tldextract's bundled snapshot.

Never split on dots by hand: `id.vn`, `io.vn` and the province names (`binhphuoc.vn`, …) are
public suffixes, so `a.b.binhphuoc.vn` belongs to `b.binhphuoc.vn`.

The list is the snapshot that ships inside the tldextract package (`.tld_set_snapshot`),
ICANN section only (tldextract's default), with the list's own matching rules (the longest
rule wins; wildcards and exceptions). It is read straight from the package folder rather than through
`tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)`: same data, same answers (a
test compares the two on thousands of hosts), but importing tldextract pulls in requests,
urllib3 and filelock, a third of a second that every unknown link would wait for. Nothing is
downloaded and nothing is written.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from verifyctl.errors import VerifyctlError
from verifyctl.url.suffixes import depth

_SNAPSHOT = ".tld_set_snapshot"
_PRIVATE = "// ===BEGIN PRIVATE DOMAINS==="


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


def snapshot_path() -> Path:
    spec = importlib.util.find_spec("tldextract")
    if spec is None or not spec.submodule_search_locations:
        raise VerifyctlError("the tldextract package (its Public Suffix List snapshot) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / _SNAPSHOT


@dataclass(frozen=True, slots=True)
class _Rules:
    exact: frozenset[str]
    wildcard: frozenset[str]  # "ck" for the rule "*.ck"
    exception: frozenset[str]  # "www.ck" for the rule "!www.ck"
    depth: int  # the most labels a rule can cover: no longer suffix needs looking up


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    text = snapshot_path().read_text(encoding="utf-8").partition(_PRIVATE)[0]
    exact: set[str] = set()
    wildcard: set[str] = set()
    exception: set[str] = set()
    for line in text.splitlines():
        if not line or line.startswith("//"):
            continue
        rule = line.split(None, 1)[0].lower()  # Unicode rules stay Unicode: see `split`
        if rule.startswith("!"):
            exception.add(rule[1:])
        elif rule.startswith("*."):
            wildcard.add(rule[2:])
        else:
            exact.add(rule)
    most = max(depth(exact), depth(wildcard) + 1, depth(exception))
    return _Rules(frozenset(exact), frozenset(wildcard), frozenset(exception), most)


@lru_cache(maxsize=65536)
def split(host: str) -> Split:
    """`host` (A-label, lower case, no trailing dot) in its PSL parts."""
    labels = host.split(".")
    index = _suffix_index(_readable(host, labels))
    if index is None:
        return Split(".".join(labels[:-1]), labels[-1], "")
    return Split(
        ".".join(labels[: max(index - 1, 0)]),
        labels[index - 1] if index else "",
        ".".join(labels[index:]),
    )


def _readable(host: str, labels: list[str]) -> list[str]:
    """The labels as the list writes them: punycode decoded (`xn--p1ai` is `рф`)."""
    if "xn--" not in host:
        return labels
    from ada_url import idna_to_unicode

    decoded = str(idna_to_unicode(host)).split(".")
    return decoded if len(decoded) == len(labels) else labels


def _suffix_index(labels: list[str]) -> int | None:
    """Where the public suffix starts in `labels`, or None if no rule matches: the longest
    matching rule wins, an exception (`!www.ck`) beats the wildcard (`*.ck`) it breaks."""
    rules = _rules()
    for i in range(max(len(labels) - rules.depth, 0), len(labels)):
        candidate = ".".join(labels[i:])
        if candidate in rules.exception:
            return i + 1
        if candidate in rules.exact or ".".join(labels[i + 1 :]) in rules.wildcard:
            return i
    return None


def is_public_suffix(name: str) -> bool:
    parts = split(name)
    return not parts.label and parts.suffix == name
