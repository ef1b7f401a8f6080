"""`sources validate --online`: does each domain of an active source answer over HTTPS, and
where does it send you? A domain that now redirects to another host is an outlet that moved
(a merged provincial paper, say); one that does not answer may be gone.

Every request goes through the one guarded fetcher (`verifyctl.net.fetch`), concurrently, each
with its own timeout. Suffix entries (`gov.vn`) and sources no longer active are not asked.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from urllib.parse import urlsplit

from verifyctl.net.fetch import Chain, GuardedFetcher
from verifyctl.sources.model import Domain, SourceList
from verifyctl.sources.problems import Problem, error, warning

DEFAULT_WORKERS = 16


def check_online(
    sources: SourceList,
    *,
    timeout: float = 10.0,
    workers: int = DEFAULT_WORKERS,
    fetcher: Callable[[], GuardedFetcher] | None = None,
    url_for: Callable[[str], str] = lambda host: f"https://{host}/",
) -> list[Problem]:
    """Problems (`online-unreachable`, `online-redirect`) in file order; never raises for the network.

    `fetcher` makes one fetcher per request (a fetcher keeps a deadline per call); `url_for`
    turns a host into the URL asked. Both exist so tests can point them at 127.0.0.1.
    """
    make = fetcher or (lambda: GuardedFetcher(timeout=timeout, deadline=timeout * 3))
    # each domain with the file of the list it is in ("" for the entry file), for the problems
    domains = [
        (s.file, d) for s in sources.sources if s.status.state == "active" for d in s.domains if not d.suffix
    ]
    if not domains:
        return []

    def ask(item: tuple[str, Domain]) -> tuple[str, Domain, Chain]:
        return item[0], item[1], make().follow(url_for(item[1].host))

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(domains)))) as pool:
        answers = list(pool.map(ask, domains))
    problems: list[Problem] = []
    for file, domain, chain in answers:
        problems += [replace(p, file=file) if file else p for p in _judge(domain, chain)]
    return sorted(problems, key=lambda p: (p.file, p.line, p.col))


def _judge(domain: Domain, chain: Chain) -> list[Problem]:
    pos = (domain.line, 1)
    host = domain.host
    last = chain.hops[-1]
    say = _unreachable_warning if domain.legacy else _error
    if chain.blocked is not None:
        policy = chain.blocked.refused
        return [say(pos, f"{host}: bộ tải an toàn từ chối ({policy})", f"{host}: refused by the guarded fetcher ({policy})")]
    if chain.too_many_redirects:
        return [say(pos, f"{host}: chuyển hướng quá nhiều lần", f"{host}: too many redirects")]
    if last.status is None:
        return [say(pos, f"{host}: không trả lời qua HTTPS ({last.error})", f"{host}: no answer over HTTPS ({last.error})")]
    problems = []
    final = urlsplit(chain.final_url).hostname or ""
    if not _same_site(final, host):
        problems.append(
            warning(
                pos,
                "online-redirect",
                f"{host} chuyển hướng tới {chain.final_url}: nguồn đã chuyển sang tên miền khác?",
                f"{host} redirects to {chain.final_url}: has the outlet moved?",
            )
        )
    if last.status >= 400:
        problems.append(
            warning(
                pos,
                "online-unreachable",
                f"{host}: trả lời HTTP {last.status}",
                f"{host}: answered HTTP {last.status}",
            )
        )
    return problems


def _error(pos: tuple[int, int], vi: str, en: str) -> Problem:
    return error(pos, "online-unreachable", vi, en)


def _unreachable_warning(pos: tuple[int, int], vi: str, en: str) -> Problem:
    return warning(pos, "online-unreachable", vi, en)


def _same_site(final: str, host: str) -> bool:
    final = final.lower().rstrip(".").removeprefix("www.")
    return final == host or final.endswith("." + host)
