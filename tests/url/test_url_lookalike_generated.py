"""Thousands of generated lookalikes of every core-tier domain are caught, naming the right
source; hundreds of real, unrelated sites are never accused."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lookalike_targets import press_hosts
from url_sources import SOURCES
from url_variants import variants

from verifyctl.errors import VerifyctlError
from verifyctl.sources.load import shipped_sources
from verifyctl.sources.model import SourceList
from verifyctl.url.domain import split
from verifyctl.url.judge import UrlJudge
from verifyctl.url.parse import parse

REAL = Path(__file__).resolve().parent / "data" / "real_domains.txt"
LISTS = [pytest.param(SOURCES, id="model"), pytest.param(shipped_sources(), id="shipped")]


def real_domains() -> list[str]:
    """The real hosts, less the research file's press: only a list that lists them exempts
    them all (test_url_targets.py runs them on the longer list)."""
    lines = REAL.read_text(encoding="utf-8").splitlines()
    press = set(press_hosts())
    hosts = (line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return [h for h in hosts if h not in press]


def generated(sources: SourceList) -> list[tuple[str, str, str]]:
    """(host, kind, expected source id) for every core-tier registrable domain."""
    out: dict[str, tuple[str, str, str]] = {}
    for source in sources.sources:
        if source.tier != "core":
            continue
        for domain in source.domains:
            parts = split(domain.host)
            if domain.suffix or parts.registrable != domain.host:
                continue
            for kind, host in variants(domain.host, parts.label, parts.suffix):
                out.setdefault(host, (host, kind, source.id))
    return list(out.values())


def catch_rate(sources: SourceList) -> tuple[int, list[tuple[str, str, str, str]]]:
    judge = UrlJudge(sources)
    excluded = set(getattr(sources, "not_lookalikes", ())) | {i.host for i in sources.impersonators}
    total = 0
    missed = []
    for host, kind, expected in generated(sources):
        try:
            url = parse(f"https://{host}/")
        except VerifyctlError:
            continue  # not a host a browser would open
        if url.host in excluded or judge.hosts.lookup(url.host) is not None:
            continue  # a listed site: official, a known impersonator, or real and unrelated
        total += 1
        reason = judge.judge(url)[0]
        if reason.code != "lookalike_domain" or reason.fields["imitates"] != expected:
            missed.append((host, kind, expected, f"{reason.code} {reason.fields.get('imitates', '')}"))
    return total, missed


@pytest.mark.parametrize("sources", LISTS)
def test_generated_lookalikes_are_caught(sources: SourceList) -> None:
    total, missed = catch_rate(sources)
    assert total >= 5000
    by_kind = Counter(kind for _, kind, _, _ in missed)
    assert len(missed) <= total * 0.01, f"{len(missed)} of {total} missed: {by_kind} {missed[:40]}"


def test_every_kind_is_generated() -> None:
    kinds = Counter(kind for _, kind, _ in generated(SOURCES))
    assert set(kinds) == {
        "addition", "bitsquatting", "homoglyph", "insertion", "replacement", "omission",
        "repetition", "transposition", "hyphenation", "vowel-swap", "tld-swap",
        "combosquatting", "embedded",
    }  # fmt: skip


def test_real_domain_list_is_large() -> None:
    assert len(set(real_domains())) >= 300


@pytest.mark.parametrize("sources", LISTS)
def test_real_sites_are_never_lookalikes(sources: SourceList) -> None:
    judge = UrlJudge(sources)
    accused = []
    for host in real_domains():
        for url in (f"https://{host}/", f"https://www.{host}/tin-tuc"):
            reasons = judge.judge(parse(url))
            if any(r.code == "lookalike_domain" for r in reasons):
                accused.append((url, reasons[0].fields))
    assert accused == []
