"""Judge a parsed link against the official-source list: the reasons for its verdict.

In order: a listed impersonator or a host on a `--blocklist` file (`blocklisted`); an IP address (`ip_address`); an official
host (`official_source`, `official_service` for a bank, shop or carrier's own site, or
`former_source` for a merged or closed outlet); a social-media
link (`official_account`, `unknown_account`, `lookalike_account`); a URL shortener
(`shortened_link`); a lookalike of an official domain (`lookalike_domain`); anything else
(`unknown_source`). The indexes are compiled once, when first needed.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from verifyctl.i18n import Msg
from verifyctl.url import messages as m
from verifyctl.url.hosts import HostIndex, HostMatch
from verifyctl.url.platforms import EXPANDABLE, Platform, platform_of
from verifyctl.url.suffixes import depth, parents
from verifyctl.verdict import Reason, Verdict

if TYPE_CHECKING:
    from verifyctl.sources.model import Impersonator, Source, SourceList
    from verifyctl.url.accounts import AccountIndex
    from verifyctl.url.blocklist import Blocklists
    from verifyctl.url.lookalike import LookalikeIndex
    from verifyctl.url.parse import ParsedUrl
    from verifyctl.url.social import AccountRef

_HOST_CACHE = 1 << 16
PLATFORM_NAMES = {"facebook": "Facebook", "youtube": "YouTube", "tiktok": "TikTok", "zalo": "Zalo"}
_NO_TEXT = Msg("", "")
# Hosts that serve anyone's pages by path: the page name decides, so no per-host verdict.
PAGE_HOSTS = frozenset(["sites.google.com"])


class UrlJudge:
    def __init__(self, sources: SourceList, blocklists: Blocklists | None = None) -> None:
        self.sources = sources
        self.blocklists = blocklists
        self.hosts = HostIndex(sources)
        self.impersonators: dict[str, Impersonator] = {
            imp.host.lower().rstrip("."): imp for imp in sources.impersonators
        }
        self.impersonator_depth = depth(self.impersonators)
        self._cache: dict[str, tuple[Reason, ...] | Platform] = {}

    @cached_property
    def lookalikes(self) -> LookalikeIndex:
        from verifyctl.url.protect import lookalike_index

        return lookalike_index(self.sources)

    @cached_property
    def accounts(self) -> AccountIndex:
        from verifyctl.url.accounts import AccountIndex

        return AccountIndex(self.sources)

    def judge(self, url: ParsedUrl) -> tuple[Reason, ...]:
        # Per host: the reasons, or the platform whose links are judged by their path.
        if url.host in PAGE_HOSTS:
            return self._judge_host(url)
        cached = self._cache.get(url.host)
        if cached is None:
            platform = platform_of(url.host) if url.host_type == "name" else None
            if platform is not None and url.host not in EXPANDABLE:
                cached = platform
            else:
                cached = self._judge_host(url)
            if len(self._cache) >= _HOST_CACHE:
                self._cache.clear()
            self._cache[url.host] = cached
        if isinstance(cached, str):
            from verifyctl.url.social import account_of

            return (self._account(account_of(url, cached)),)
        return cached

    def known(self, host: str) -> tuple[Reason, ...] | None:
        """The reasons every link to `host` gets, if a link to it was judged before and its
        verdict does not depend on the rest of the link (not a social-media platform)."""
        cached = self._cache.get(host)
        return None if cached is None or isinstance(cached, str) else cached

    def expandable(self, url: ParsedUrl) -> bool:
        """A link whose destination is hidden until followed (a shortener, fb.watch…)."""
        from verifyctl.url.shorteners import is_shortener

        return url.host_type == "name" and (url.host in EXPANDABLE or is_shortener(url.host))

    def _judge_host(self, url: ParsedUrl) -> tuple[Reason, ...]:
        host, shown = url.host, url.unicode_host
        impersonator = self._impersonator(host)
        if impersonator is not None:
            return (self._blocklisted(shown, host, impersonator),)
        if self.blocklists is not None:
            hit = self.blocklists.find(host)
            if hit is not None:
                message = m.BLOCKLIST_HIT.format(host=shown, list=hit.list, line=str(hit.line))
                fields = {"host": host, "list": hit.list, "line": hit.line}
                return (Reason("blocklisted", Verdict.DONT_SHARE, message, fields),)
        if url.host_type != "name":
            return (Reason("ip_address", Verdict.VERIFY, m.IP_ADDRESS.format(host=host), {"host": host}),)
        match = self.hosts.lookup(host)
        if match is not None:
            return (self._official(shown, match),)
        if self.expandable(url):
            return (shortened(host),)
        found = self.lookalikes.check(host, url.path if host in PAGE_HOSTS else "")
        if found is not None:
            source = self._source(found.imitates)
            message = m.LOOKALIKE_DOMAIN.format(
                host=shown,
                official=found.domain,
                name=_name(source, found.imitates),
                kind=m.LOOKALIKE_KINDS[found.kind],
            )
            fields = {"imitates": found.imitates, "official": found.domain, "kind": found.kind, "host": host}
            return (Reason("lookalike_domain", Verdict.DONT_SHARE, message, fields),)
        return (Reason("unknown_source", Verdict.VERIFY, m.UNKNOWN_SOURCE.format(host=shown), {"host": host}),)

    def _impersonator(self, host: str) -> Impersonator | None:
        if not self.impersonators:
            return None
        found = self.impersonators.get(host)
        if found is None:
            for parent in parents(host, self.impersonator_depth):
                found = self.impersonators.get(parent)
                if found is not None:
                    break
        return found

    def _blocklisted(self, shown: str, host: str, impersonator: Impersonator) -> Reason:
        source = self._source(impersonator.imitates)
        fields: dict[str, Any] = {"host": host}
        imitates = _NO_TEXT
        if impersonator.imitates:
            fields["imitates"] = impersonator.imitates
            imitates = m.IMITATES.format(name=_name(source, impersonator.imitates))
        return Reason("blocklisted", Verdict.DONT_SHARE, m.BLOCKLISTED.format(host=shown, imitates=imitates), fields)

    def _official(self, shown: str, match: HostMatch) -> Reason:
        source, domain = match.source, match.domain
        if source.status.state in ("merged", "retired"):
            return self._former(shown, source)
        tier = m.TIERS.get(source.tier, Msg(source.tier, source.tier))
        message = m.OFFICIAL_SOURCE.format(host=shown, name=_name(source, source.id), tier=tier)
        if domain.legacy:
            message = message + m.LEGACY
        fields: dict[str, Any] = {"source_id": source.id, "tier": source.tier, "name": source.name}
        if domain.confidence != "confirmed":
            fields["confidence"] = domain.confidence
        if source.tier == "service":
            name = _name(source, source.id)
            message = m.OFFICIAL_SERVICE.format(host=shown, name=name, tier=tier)
            return Reason("official_service", Verdict.SHARE, message, fields)
        return Reason("official_source", Verdict.SHARE, message, fields)

    def _former(self, shown: str, source: Source) -> Reason:
        """A merged or closed outlet: official when published, not vouched for now (`verify`)."""
        status = source.status
        successor = self._source(status.successor)
        until = (
            Msg(f"{status.until.day}/{status.until.month}/{status.until.year}", status.until.isoformat())
            if status.until
            else Msg("?", "?")
        )
        fields: dict[str, Any] = {
            "source_id": source.id,
            "tier": source.tier,
            "name": source.name,
            "state": status.state,
            "until": status.until.isoformat() if status.until else None,
            "successor": status.successor,
        }
        name = _name(source, source.id)
        if successor is not None:
            fields["successor_name"] = successor.name
        if status.state == "merged" and successor is not None:
            home = next((d.host for d in successor.domains if not d.legacy and not d.suffix), "")
            message = m.FORMER_MERGED.format(
                host=shown,
                name=name,
                successor=_name(successor, successor.id),
                until=until,
                successor_host=f" ({home})" if home else "",
            )
        else:
            clause = (
                m.SUCCESSOR_CLAUSE.format(successor=_name(successor, successor.id)) if successor else _NO_TEXT
            )
            message = m.FORMER_RETIRED.format(host=shown, name=name, until=until, successor_clause=clause)
        return Reason("former_source", Verdict.VERIFY, message, fields)

    def _account(self, ref: AccountRef) -> Reason:
        platform = PLATFORM_NAMES[ref.platform]
        fields: dict[str, Any] = {"platform": ref.platform}
        if ref.kind == "none":
            return Reason("unknown_account", Verdict.VERIFY, m.NO_ACCOUNT.format(platform=platform), fields)
        fields["account"] = ref.shown
        hit = self.accounts.exact(ref)
        if hit is not None:
            source, account = hit
            fields["source_id"] = source.id
            name = _name(source, source.id)
            if account.confidence == "confirmed":
                message = m.OFFICIAL_ACCOUNT.format(platform=platform, account=ref.shown, name=name)
                return Reason("official_account", Verdict.SHARE, message, fields)
            fields["confidence"] = account.confidence
            message = m.SEEN_ACCOUNT.format(platform=platform, account=ref.shown, name=name)
            return Reason("official_account", Verdict.VERIFY, message, fields)
        similar = self.accounts.imitated(ref)
        if similar is not None:
            source, official = similar
            fields["imitates"] = source.id
            fields["official"] = official
            message = m.LOOKALIKE_ACCOUNT.format(
                platform=platform,
                account=ref.shown,
                official=official,
                name=_name(source, source.id),
            )
            return Reason("lookalike_account", Verdict.DONT_SHARE, message, fields)
        message = m.UNKNOWN_ACCOUNT.format(platform=platform, account=ref.shown)
        return Reason("unknown_account", Verdict.VERIFY, message, fields)

    def _source(self, source_id: str | None) -> Source | None:
        return self.sources.by_id(source_id) if source_id else None


def shortened(host: str, error: Msg | None = None) -> Reason:
    """A short link; `error` says why `--online` could not expand it."""
    message = m.SHORTENED.format(host=host) if error is None else m.EXPAND_FAILED.format(host=host, error=error)
    return Reason("shortened_link", Verdict.VERIFY, message, {"host": host})


def _name(source: Source | None, fallback: str) -> Msg:
    return Msg(source.name, source.name_en) if source is not None else Msg(fallback, fallback)
