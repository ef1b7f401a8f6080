"""The counts a run ends with: per verdict, top rules, top domains, top imitated outlets, and
the records that could not be read. Built from output records, so a resumed run rebuilds the
part already written, and chunks from workers merge."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

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
        if url not in _LINK_HOSTS:
            if len(_LINK_HOSTS) >= _LINK_HOSTS_KEPT:
                _LINK_HOSTS.clear()
            _LINK_HOSTS[url] = _link_host(url)
        return _LINK_HOSTS[url]
    return None


# Popular links come back thousands of times in a run: their host is read once.
_LINK_HOSTS: dict[str, str | None] = {}
_LINK_HOSTS_KEPT = 4096


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
    errors: list[tuple[str, str]] = field(default_factory=list)  # (id, message), the first few

    def add(self, out: dict[str, Any]) -> None:
        self.total += 1
        verdict = out.get("verdict", "error")
        self.verdicts[verdict] += 1
        reasons = out.get("reasons") or []
        if verdict == Verdict.ERROR:
            if len(self.errors) < ERRORS_KEPT:
                ident = str(out.get("id", ""))
                message = str(reasons[0].get("message", "")) if reasons else ""
                # A record with no id of its own is named by its place, which the message
                # already starts with: say it once.
                self.errors.append((ident, message.removeprefix(f"{ident}: ")))
            return
        hosts: set[str] = set()
        for reason in reasons:
            rule = reason.get("rule")
            if reason.get("code") == "rule_match" and isinstance(rule, str):
                self.rules[rule] += 1
            imitates = reason.get("imitates")
            if isinstance(imitates, str) and imitates:
                self.imitated[imitates] += 1
            host = host_of(reason)
            if host:
                hosts.add(host)
        self.domains.update(hosts)

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
