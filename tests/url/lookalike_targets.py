"""The lookalike targets' data, shared by the target tests and benchmarks/bench_lookalike.py:
dnstwist's permutations of every protected domain, the real hosts that must never be called
lookalikes, the larger source list (the shipped one plus the press hosts of the shared
research file), and the held-out split that no tuning looked at."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from verifyctl.sources.model import Domain, Source, SourceList
from verifyctl.url.domain import split

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parents[2]
REAL = DATA / "real_domains.txt"
GOV_SERVICES = REPO / "data" / "sources" / "gov-services.yaml"
PRESS_TSV = DATA / "vn_press_domains.tsv"
TIERS = ("core", "service")


def held_out(name: str) -> bool:
    """A fixed quarter of the hosts and domains: measured, never tuned on."""
    return zlib.crc32(name.encode()) % 4 == 0


def real_hosts() -> list[str]:
    lines = REAL.read_text(encoding="utf-8").splitlines()
    return sorted({line.strip() for line in lines if line.strip() and not line.startswith("#")})


def press_rows() -> dict[str, str]:
    """host → 2025 status, from the shared research file on Vietnamese press (copied into the
    tests' data), except the one host it marks unverified."""
    rows = [line.split("\t") for line in PRESS_TSV.read_text(encoding="utf-8").splitlines()[1:]]
    return {r[0].strip(): r[-1] for r in rows if len(r) > 1 and "unverified" not in r[-1]}


def press_hosts() -> list[str]:
    return sorted(press_rows())


def larger(sources: SourceList) -> SourceList:
    """`sources` with every research-file press host added as a press source: the list as it
    grows (issue 16 adds about 300), so that precision is measured with more names protected."""
    listed = {d.host for s in sources.sources for d in s.domains}
    # A merged outlet's or an old address is listed as such (exempt, not protected by name),
    # as the list does for baobinhphuoc.com.vn.
    extra = tuple(
        Source(f"research-{i}", host, host, "press", "national", (Domain(host, True, legacy=status != "active"),))
        for i, (host, status) in enumerate(sorted(press_rows().items()))
        if host not in listed
    )
    return SourceList(
        sources.schema_version,
        sources.sources + extra,
        sources.impersonators,
        sources.path,
        sources.not_lookalikes,
    )


def protected_domains(sources: SourceList) -> dict[str, str]:
    """domain → source id: every current registrable domain of the core, government-service
    and service entries."""
    gov = {s["id"] for s in yaml.safe_load(GOV_SERVICES.read_text(encoding="utf-8"))["sources"]}
    out: dict[str, str] = {}
    for source in sources.sources:
        if source.tier not in TIERS and source.id not in gov:
            continue
        for domain in source.domains:
            if domain.suffix or domain.legacy:
                continue
            out.setdefault(split(domain.host).registrable or domain.host, source.id)
    return out


@dataclass(frozen=True)
class Permutation:
    host: str
    fuzzer: str
    expected: frozenset[str]  # the source ids whose domains dnstwist made it from
    official: bool  # under gov.vn (only state bodies can register there): official, not an imitation


def permutations(sources: SourceList) -> Iterator[Permutation]:
    """dnstwist's permutations (every default fuzzer) of every protected domain, without the
    hosts that are listed (official, a known impersonator, or real and unrelated)."""
    import dnstwist

    from verifyctl.url.hosts import HostIndex

    index = HostIndex(sources)
    listed = {d.host for s in sources.sources for d in s.domains}
    listed |= {i.host for i in sources.impersonators} | set(sources.not_lookalikes)
    found: dict[str, tuple[str, set[str]]] = {}
    for domain, source_id in sorted(protected_domains(sources).items()):
        fuzzer = dnstwist.Fuzzer(domain)
        fuzzer.generate()
        for item in fuzzer.domains:
            host = item["domain"]
            if item["fuzzer"].startswith("*") or host in listed or split(host).registrable in listed:
                continue
            found.setdefault(host, (item["fuzzer"], set()))[1].add(source_id)
    for host, (kind, expected) in sorted(found.items()):
        yield Permutation(host, kind, frozenset(expected), index.lookup(host) is not None)
