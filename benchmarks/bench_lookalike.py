"""Lookalike catch rate and precision (issue 14), measured through the installed command.

1. Every dnstwist permutation (all default fuzzers) of every current domain of the core,
   government-service and service entries, checked with `verifyctl check --from`: the share
   that gets `lookalike_domain` naming a source the permutation was made from, by fuzzer kind.
   Permutations under gov.vn are counted apart: only state bodies can register there, so the
   list makes them official (they are not imitations anyone can buy).
2. The real, unrelated hosts of tests/url/data/real_domains.txt, on the shipped list (less the
   research file's press, which only the longer list exempts) and on the longer list (in
   process): how many get `lookalike_domain` (target: none).

Both are split into the tuned part and the held-out quarter (crc32 of the source id or host,
tests/url/lookalike_targets.py) that no tuning looked at.

Usage: python benchmarks/bench_lookalike.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "url"))

from lookalike_targets import (
    Permutation,
    held_out,
    larger,
    permutations,
    press_hosts,
    real_hosts,
)

from verifyctl.sources.load import shipped_sources
from verifyctl.url.judge import UrlJudge
from verifyctl.url.parse import parse


def verifyctl() -> str:
    found = Path(sys.executable).with_name("verifyctl")
    return str(found) if found.exists() else "verifyctl"


def check(hosts: list[str]) -> tuple[list[dict[str, object]], float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hosts.txt"
        path.write_text("".join(f"https://{h}/\n" for h in hosts), encoding="utf-8")
        start = time.perf_counter()
        proc = subprocess.run(
            [verifyctl(), "check", "--format", "json", "--lang", "en", "--from", str(path)],
            capture_output=True, text=True, check=False,
        )
        wall = time.perf_counter() - start
    reasons = [json.loads(line)["reasons"][0] for line in proc.stdout.splitlines()]
    assert len(reasons) == len(hosts), proc.stderr[-500:]
    return reasons, wall


def catch_rates() -> None:
    every = list(permutations(shipped_sources()))
    official = [p for p in every if p.official]
    judged = [p for p in every if not p.official]
    reasons, wall = check([p.host for p in judged])
    print(f"dnstwist: {len(every):,} permutations; {len(official):,} under gov.vn (official by "
          f"registration, not counted); {len(judged):,} checked in {wall:.1f} s "
          f"({len(judged) / wall:,.0f} hosts/s, all unknown, the slow path)")
    for part in ("tuned", "held_out"):
        total: Counter[str] = Counter()
        caught: Counter[str] = Counter()
        missed: list[Permutation] = []
        for p, r in zip(judged, reasons, strict=True):
            if held_out(min(p.expected)) != (part == "held_out"):
                continue
            total[p.fuzzer] += 1
            if r["code"] == "lookalike_domain" and r["imitates"] in p.expected:
                caught[p.fuzzer] += 1
            else:
                missed.append(p)
        n, k = sum(total.values()), sum(caught.values())
        print(f"  {part}: {k:,} of {n:,} caught naming the right source = {k / n:.4f} (target >= 0.995)")
        for kind in sorted(total):
            print(f"    {kind:<14} {caught[kind]:>7,} / {total[kind]:>7,} = {caught[kind] / total[kind]:.4f}")
        print("    missed, e.g.: " + ", ".join(p.host for p in missed[:: max(1, len(missed) // 8)][:8]))


def precision() -> None:
    press = set(press_hosts())
    hosts = [h for h in real_hosts() if h not in press]
    reasons, _ = check(hosts)
    for part in ("tuned", "held_out"):
        mine = [(h, r) for h, r in zip(hosts, reasons, strict=True) if held_out(h) == (part == "held_out")]
        accused = [h for h, r in mine if r["code"] == "lookalike_domain"]
        print(f"real hosts, shipped list, {part}: {len(accused)} of {len(mine):,} accused {accused[:10]}")
    judge = UrlJudge(larger(shipped_sources()))
    for part in ("tuned", "held_out"):
        mine = [h for h in real_hosts() if held_out(h) == (part == "held_out")]
        accused = [h for h in mine if judge.judge(parse(f"https://{h}/"))[0].code == "lookalike_domain"]
        print(f"real hosts, longer list (+{len(press)} press hosts), {part}: {len(accused)} of {len(mine):,} accused {accused[:10]}")


def main() -> None:
    catch_rates()
    precision()


if __name__ == "__main__":
    main()
