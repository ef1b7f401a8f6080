"""The counts a run ends with: per verdict, top rules, top domains, top imitated outlets, and
the records that could not be read. Built from output records, so a resumed run rebuilds the
part already written, and chunks from workers merge."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from verifyctl.screen.record import default_id
from verifyctl.verdict import Verdict

TOP_KEEP = 20_000  # distinct domains/rules tracked; beyond it the rarest are dropped
ERRORS_KEPT = 20


def _prune(counter: Counter[str]) -> None:
    """Memory stays flat however many distinct domains a run meets: when the counter grows
    past TOP_KEEP, keep the most frequent half (the top of the list is what is shown)."""
    if len(counter) > TOP_KEEP:
        keep = counter.most_common(TOP_KEEP // 2)
        counter.clear()
        counter.update(dict(keep))


def host_of(reason: dict[str, Any]) -> str | None:
    host = reason.get("host")
    if isinstance(host, str) and host:
        return host.lower()
    url = reason.get("link")
    if isinstance(url, str) and url:
        plain = _PLAIN_HOST.match(url)
        if plain is not None:
            return plain.group(1).lower()
        return _link_host(url)
    return None


# scheme://host[:port] then the end or a path: the host is what urlsplit would say, read in C.
_PLAIN_HOST = re.compile(r"(?i)https?://([a-z0-9.-]+)(?::[0-9]*)?(?:[/?#]|\Z)")


def _link_host(url: str) -> str | None:
    try:
        parsed = urlsplit(url if "://" in url else "//" + url)
    except ValueError:
        return None
    return parsed.hostname or None


@dataclass
class Summary:
    total: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    domains: Counter[str] = field(default_factory=Counter)
    imitated: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (id or "", message), the first few

    def add(self, out: dict[str, Any]) -> None:
        # Once per output record of a run of millions: the common case takes the fewest steps.
        self.total += 1
        verdict = out.get("verdict", "error")
        self.verdicts[verdict] += 1
        reasons = out.get("reasons") or ()
        if verdict == "error":
            if len(self.errors) < ERRORS_KEPT:
                ident = str(out.get("id", ""))
                message = str(reasons[0].get("message", "")) if reasons else ""
                where = out.get("origin") or {}
                # A record with no id of its own is named by its place (file:record); a message
                # that starts with a place of its own (file:line) says it better: one place per
                # line, never `posts.csv:17: posts.csv:18: …`.
                if ident == default_id(where) and message.startswith(f"{where.get('file')}:"):
                    ident = ""
                self.errors.append((ident, message.removeprefix(f"{ident}: ")))
            return
        first: str | None = None  # the post's hosts, each counted once
        more: set[str] | None = None
        for reason in reasons:
            get = reason.get
            if get("code") == "rule_match":
                rule = get("rule")
                if isinstance(rule, str):
                    self.rules[rule] += 1
            imitates = get("imitates")
            if imitates and isinstance(imitates, str):
                self.imitated[imitates] += 1
            if "host" not in reason and "link" not in reason:
                continue
            host = host_of(reason)
            if host is None or host == first:
                continue
            if first is None:
                first = host
            elif more is None:
                more = {host}
            else:
                more.add(host)
        if first is not None:
            self.domains[first] += 1
        if more:
            more.discard(first)
            for host in more:
                self.domains[host] += 1

    def merge(self, other: Summary) -> None:
        self.total += other.total
        self.verdicts.update(other.verdicts)
        self.rules.update(other.rules)
        self.domains.update(other.domains)
        self.imitated.update(other.imitated)
        self.errors.extend(other.errors[: max(0, ERRORS_KEPT - len(self.errors))])
        for counter in (self.rules, self.domains, self.imitated):
            _prune(counter)

    def verdict_list(self) -> list[Verdict]:
        """One of each verdict seen, for `exitcodes.exit_code`."""
        return [Verdict(v) for v, n in self.verdicts.items() if n]
