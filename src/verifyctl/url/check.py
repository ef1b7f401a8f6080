"""`check_url`: one pasted link in, one frozen Result out.

Offline, the link is judged as pasted. With `online=True`, a link whose destination is hidden
(a URL shortener, fb.watch…) is followed through the guarded fetcher, hop by hop, and the
page it ends on is judged instead; the hops are in the result's `chain`. A hop the fetcher
refuses (a private, loopback or metadata address…) is a `blocked_address` reason, never an
exception.
"""

from __future__ import annotations

from typing import Any

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.url import messages as m
from verifyctl.url.canonical import canonicalize
from verifyctl.url.judge import UrlJudge, shortened
from verifyctl.url.parse import ParsedUrl, parse, plain_host
from verifyctl.verdict import Reason, Result, Verdict


def check_url(
    raw: str, judge: UrlJudge, *, online: bool = False, allow_loopback: bool = False
) -> Result:
    url = parse(raw)
    fields: dict[str, Any] = {"url": url.href, "canonical": canonicalize(url.href)}
    if online and judge.expandable(url):
        reasons = _expand(url, judge, allow_loopback, fields)
    else:
        reasons = judge.judge(url)
    return Result.of(raw, "url", reasons, **fields)


def link_verdict(raw: str, judge: UrlJudge) -> Result:
    """The verdict and reasons `check_url(raw, judge)` gives offline, without the link's own
    fields (`url`, `canonical`): what a post's result shows of a link it holds. A plain link to
    a host judged before is answered from that host's verdict, without parsing it again: most
    links in a batch are new articles on sites it has already seen."""
    reasons = known_link(raw, judge)
    if reasons is None:  # what check_url does offline, less the fields it would throw away
        reasons = judge.judge(parse(raw))
    return Result.of(raw, "url", reasons)


def known_link(raw: str, judge: UrlJudge) -> tuple[Reason, ...] | None:
    """The reasons of `raw` if it is a plain link to a host judged before whose verdict does
    not depend on the rest of the link (one tuple per host, while the judge keeps it); else
    None, and the link must be parsed and judged."""
    host = plain_host(raw)
    return judge.known(host) if host is not None else None


def _expand(
    url: ParsedUrl, judge: UrlJudge, allow_loopback: bool, fields: dict[str, Any]
) -> tuple[Reason, ...]:
    from verifyctl.net.fetch import GuardedFetcher

    fetcher = GuardedFetcher(allow_loopback=allow_loopback)
    chain = fetcher.follow(url.href)
    fields["chain"] = [hop.url for hop in chain.hops]
    blocked = chain.blocked
    if blocked is not None:
        host = _host_of(blocked.url)
        message = m.BLOCKED_ADDRESS.format(
            host=host,
            address=blocked.address or "-",
            policy=blocked.refused or "-",
        )
        reason = Reason(
            "blocked_address",
            Verdict.DONT_SHARE,
            message,
            {"host": host, "address": blocked.address, "policy": blocked.refused, "hop": blocked.url},
        )
        return (reason,)
    if not chain.complete:
        last = chain.hops[-1]
        if chain.too_many_redirects:
            error = m.TOO_MANY_REDIRECTS.format(hops=str(fetcher.max_hops))
            fields["expand_error"] = error.en
        else:
            error = plain_network_error(last.error, last.status)
            fields["expand_error"] = last.error or str(last.status)
        return (shortened(url.host, error),)
    try:
        final = parse(chain.final_url)
    except VerifyctlError:
        return (shortened(url.host, Msg(chain.final_url[:200], chain.final_url[:200])),)
    fields["final_url"] = final.href
    return judge.judge(final)


def plain_network_error(error: str | None, status: int | None) -> Msg:
    """A failed hop in words a member understands (`[Errno -2] Name or service not known` is
    "no network, or the site could not be found")."""
    text = (error or "").lower()
    if error is None and status is not None:
        return m.NET_STATUS.format(status=str(status))
    if any(k in text for k in ("name or service", "name resolution", "nodename", "getaddrinfo", "no address")):
        return m.NET_NO_NAME
    if "timed out" in text or "timeout" in text:
        return m.NET_TIMEOUT
    if any(k in text for k in ("refused", "reset", "unreachable", "no route")):
        return m.NET_REFUSED
    if "certificate" in text or "ssl" in text or "tls" in text:
        return m.NET_TLS
    return m.NET_OTHER


def _host_of(href: str) -> str:
    try:
        return parse(href).host
    except VerifyctlError:
        return href[:200]
