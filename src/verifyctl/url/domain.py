"""Registrable domains from the Public Suffix List, via tldextract's bundled snapshot.

Never split on dots by hand: `id.vn`, `io.vn` and the province names (`binhphuoc.vn`, …) are
public suffixes, so `a.b.binhphuoc.vn` belongs to `b.binhphuoc.vn`.

The list is the snapshot that ships inside the tldextract package (`.tld_set_snapshot`),
ICANN section only, matched with tldextract's own algorithm (a trie of labels from the right,
wildcards and exceptions). It is read straight from the package folder rather than through
`tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)`: same data, same answers (a
test compares the two on thousands of hosts), but importing tldextract pulls in requests,
urllib3 and filelock, a third of a second that every unknown link would wait for. Nothing is
downloaded and nothing is written.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from verifyctl.errors import VerifyctlError

_SNAPSHOT = ".tld_set_snapshot"
_PRIVATE = "// ===BEGIN PRIVATE DOMAINS==="
_RULE = re.compile(r"^(?P<suffix>[.*!]*\w[\S]*)", re.UNICODE | re.MULTILINE)

Trie = dict[str, "Node"]


class Node:
    __slots__ = ("end", "matches")

    def __init__(self) -> None:
        self.matches: Trie = {}
        self.end = False


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


@lru_cache(maxsize=1)
def _root() -> Node:
    from ada_url import idna_to_ascii

    text = snapshot_path().read_text(encoding="utf-8").partition(_PRIVATE)[0]
    root = Node()
    for match in _RULE.finditer(text):
        node = root
        for label in reversed(match.group("suffix").split(".")):
            if not label.isascii():
                encoded = idna_to_ascii(label)
                label = (encoded.decode() if isinstance(encoded, bytes) else str(encoded)) or label
            node = node.matches.setdefault(label.lower(), Node())
        node.end = True
    return root


@lru_cache(maxsize=65536)
def split(host: str) -> Split:
    """`host` (A-label, lower case, no trailing dot) in its PSL parts."""
    labels = host.split(".")
    index = _suffix_index(labels)
    if index is None:
        return Split(".".join(labels[:-1]), labels[-1], "")
    return Split(
        ".".join(labels[: max(index - 1, 0)]),
        labels[index - 1] if index else "",
        ".".join(labels[index:]),
    )


def _suffix_index(labels: list[str]) -> int | None:
    """Where the public suffix starts in `labels`, or None if no rule matches (tldextract's
    walk: the longest rule from the right; a wildcard takes one more label, an exception one
    fewer)."""
    node = _root()
    suffix_index = position = len(labels)
    for label in reversed(labels):
        child = node.matches.get(label)
        if child is not None:
            position -= 1
            node = child
            if node.end:
                suffix_index = position
            continue
        if "*" in node.matches:
            return position if "!" + label in node.matches else position - 1
        break
    return None if suffix_index == len(labels) else suffix_index


def is_public_suffix(name: str) -> bool:
    parts = split(name)
    return not parts.label and parts.suffix == name
