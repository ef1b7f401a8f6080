"""Text-check speed (issue 4): posts per second on 300-character posts, on one and two cores,
with the shipped rules and with 10,000 synthetic rules; time to load 100,000 rules.

Run: python benchmarks/bench_text.py [--posts N]
Targets: ≥ 50,000 posts/s on 2 cores (shipped rules), ≥ 25,000 with 10,000 rules, loading
100,000 rules in under 2 s. It also prints the time a post of `bench_screen.py` (issue 6's
batch, about 140 characters) spends in `RuleSet.find` and in `find_links`, in one process. Posts are the VLSP-2013 sentences shipped in `underthesea` (the
test extra) cut into 300-character posts, one in twenty carrying a scam phrase and one in ten
a link; links are judged by a small in-process table, so the figure is the text check's own.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from verifyctl.datafiles import RULES, data_path
from verifyctl.i18n import Msg
from verifyctl.text.check import check_text
from verifyctl.text.links import find_links
from verifyctl.text.rules import RuleSet, load_rules
from verifyctl.verdict import Reason, Result, Verdict

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "text"))
from test_text_quality import vlsp_sentences
from test_text_ruleload import simple_rule

from bench_screen import generate

POST_CHARS = 300
OFFICIAL = Reason("official_source", Verdict.SHARE, Msg("chính thống", "official"))
UNKNOWN = Reason("unknown_source", Verdict.VERIFY, Msg("lạ", "unknown"))


def judge(url: str) -> Result:
    return Result.of(url, "url", [OFFICIAL if "nhandan.vn" in url else UNKNOWN])


def make_posts(count: int, seed: int = 4) -> list[str]:
    rng = random.Random(seed)
    sentences = vlsp_sentences()
    scams = [e for rule in load_rules(data_path(RULES)).rules for e in rule.match]
    posts = []
    for i in range(count):
        parts: list[str] = []
        if i % 20 == 0:
            parts.append(rng.choice(scams))
        if i % 10 == 5:
            parts.append(rng.choice(["Nguồn: https://nhandan.vn/chinh-tri/bai-viet-123.html", "Xem tại tinnong24h.xyz/abc"]))
        while sum(len(p) + 1 for p in parts) < POST_CHARS:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(sentences))
        posts.append(" ".join(parts)[:POST_CHARS])
    return posts


def synthetic_rules(count: int, path: Path, seed: int = 7) -> Path:
    """`count` rules, each one three-syllable phrase drawn from real Vietnamese syllables."""
    rng = random.Random(seed)
    syllables = sorted({w.lower() for s in vlsp_sentences() for w in s.split() if w.isalpha() and len(w) > 1})
    rules = []
    seen: set[str] = set()
    while len(rules) < count:
        phrase = " ".join(rng.choice(syllables) for _ in range(3))
        if phrase in seen:
            continue
        seen.add(phrase)
        rule = simple_rule(len(rules), id=f"synthetic-{len(rules)}", patterns=[phrase])
        del rule["tests"]  # as generated sets usually come: the lint notes it, loading goes on
        rules.append(rule)
    doc = {"schema": 1, "version": "bench", "categories": {"scam": {"vi": "Lừa đảo", "en": "Scam"}}, "rules": rules}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


_worker_rules: list[RuleSet] = []


def _init(rules_path: str) -> None:
    _worker_rules.append(load_rules(Path(rules_path)))
    check_text("khởi động", _worker_rules[0], judge)


def _run(posts: list[str]) -> tuple[int, float]:
    rules = _worker_rules[0]
    start = time.process_time()
    for post in posts:
        check_text(post, rules, judge)
    return len(posts), time.process_time() - start


def throughput(rules_path: Path, posts: list[str], cores: int) -> tuple[float, float]:
    """Posts per second by the wall clock, and by the CPU time the slowest worker used (what
    the wall clock would say on otherwise idle cores)."""
    if cores == 1:
        _init(str(rules_path))
        start = time.perf_counter()
        done, cpu = _run(posts)
        elapsed = time.perf_counter() - start
        _worker_rules.clear()
        return done / elapsed, done / cpu
    chunks = [posts[i::cores] for i in range(cores)]
    with multiprocessing.Pool(cores, initializer=_init, initargs=(str(rules_path),)) as pool:
        pool.map(_run, [p[:200] for p in chunks])  # warm every worker
        start = time.perf_counter()
        results = pool.map(_run, chunks)
        elapsed = time.perf_counter() - start
    done = sum(n for n, _ in results)
    return done / elapsed, done / max(cpu for _, cpu in results)


def load_time(path: Path) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    rules = load_rules(path)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    del rules  # freeing the rules (a quarter of a second for 100,000) is not loading them
    return wall, cpu


def per_post(tmp: Path, count: int = 50_000, runs: int = 5) -> tuple[float, float]:
    """Microseconds a post of the screen benchmark spends in `find` and in `find_links` (the
    best of `runs` passes: other processes only ever add time)."""
    generate(tmp / "posts.jsonl", count)
    with (tmp / "posts.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    find = load_rules(data_path(RULES)).find
    out = []
    for step in (find, find_links):
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            for text in texts:
                step(text)
            best = min(best, time.perf_counter() - start)
        out.append(best / len(texts) * 1e6)
    return out[0], out[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=200_000)
    args = parser.parse_args()
    posts = make_posts(args.posts)
    shipped = data_path(RULES)
    print(f"posts: {len(posts):,} of {POST_CHARS} characters; CPUs: {multiprocessing.cpu_count()}; "
          f"load average: {os.getloadavg()[0]:.1f}")
    wall, cpu = load_time(shipped)
    print(f"load shipped rules ({len(load_rules(shipped).rules)} rules, YAML): {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU")
    with tempfile.TemporaryDirectory() as tmp:
        find_us, links_us = per_post(Path(tmp))
        print(f"a screen-benchmark post, one process: RuleSet.find {find_us:.2f} µs, find_links {links_us:.2f} µs")
        sets = [("shipped rules", shipped), ("10,000 synthetic rules", synthetic_rules(10_000, Path(tmp) / "rules-10k.json"))]
        for label, path in sets:
            for cores in (1, 2):
                wall, cpu = throughput(path, posts, cores)
                print(f"{label}, {cores} core(s): {wall:,.0f} posts/s wall clock, {cpu:,.0f} posts/s by CPU time")
        hundred_k = synthetic_rules(100_000, Path(tmp) / "rules-100k.json")
        times = [load_time(hundred_k) for _ in range(3)]
        print(f"load 100,000 rules (JSON: parse, lint, compile): best {min(w for w, _ in times):.2f} s wall, "
              f"{min(c for _, c in times):.2f} s CPU")


if __name__ == "__main__":
    main()
