"""A host's parent domains, found from the right so that the work is linear in the host's
length: a table of known domains (shorteners, platforms, official hosts, public suffixes) is
only ever asked about suffixes as deep as its deepest entry. Joining every suffix of a host
with 100,000 labels would copy the host 100,000 times."""

from __future__ import annotations

from collections.abc import Iterable


def depth(names: Iterable[str]) -> int:
    """The most labels any of `names` has (0 for none)."""
    return max((name.count(".") + 1 for name in names), default=0)


def parents(host: str, most: int) -> list[str]:
    """The proper parent domains of `host` with at most `most` labels, longest first:
    `parents("a.b.c.d", 2)` is `["c.d", "d"]`."""
    found: list[str] = []
    end = len(host)
    for _ in range(most):
        dot = host.rfind(".", 0, end)
        if dot == -1:
            break
        found.append(host[dot + 1 :])
        end = dot
    found.reverse()
    return found
