"""Hostile hosts, sizes and data files (issue 19, findings 1, 6, 7, 8 and 11).

The host lookups are proved linear by counting the table look-ups a hostile host costs, not by
timing them (the 1 MB URL's time is in benchmarks/bench_robust.py). Memory is the child's own
peak resident size, read from /proc."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from robust_limits import assert_clean, run_limited
from robust_servers import count_connects, redirect_to, serve
from robust_support import run_measured, verifyctl_argv

from verifyctl.errors import VerifyctlError
from verifyctl.net.fetch import GuardedFetcher
from verifyctl.sources.load import shipped_sources
from verifyctl.url import domain, platforms, shorteners
from verifyctl.url.hosts import HostIndex
from verifyctl.url.parse import parse

ONE_GIB_KB = 1 << 20
DEEP = "a." * 1000 + "example.com"  # 1002 labels


class CountingDict(dict[str, Any]):
    asked = 0

    def get(self, key: str, default: Any = None) -> Any:
        CountingDict.asked += 1
        return super().get(key, default)


class CountingSet(frozenset[str]):
    asked = 0

    def __contains__(self, key: object) -> bool:
        CountingSet.asked += 1
        return super().__contains__(key)


@pytest.fixture(autouse=True)
def _fresh_counts() -> None:
    CountingDict.asked = CountingSet.asked = 0


# -- finding 1: look-ups linear in the host's length, and hosts DNS cannot hold refused


def test_the_host_index_asks_only_as_deep_as_its_deepest_entry() -> None:
    index = HostIndex(shipped_sources())
    index.below = CountingDict(index.below)
    assert index.lookup(DEEP) is None
    assert CountingDict.asked <= index.below_depth


def test_the_shortener_and_platform_tables_ask_a_few_suffixes(monkeypatch: pytest.MonkeyPatch) -> None:
    known = CountingSet(shorteners.shorteners())
    monkeypatch.setattr(shorteners, "shorteners", lambda: known)
    monkeypatch.setattr(shorteners, "SERVES_SUBDOMAINS", CountingSet(shorteners.SERVES_SUBDOMAINS))
    assert not shorteners.is_shortener(DEEP)
    assert CountingSet.asked <= 2 + shorteners._SERVES_DEPTH
    monkeypatch.setattr(platforms, "PLATFORM_DOMAINS", CountingDict(platforms.PLATFORM_DOMAINS))
    assert platforms.platform_of(DEEP + ".facebook.com") == "facebook"
    assert CountingDict.asked <= 1 + platforms._DEPTH


def test_the_public_suffix_split_asks_a_few_suffixes(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = domain._rules()
    counted = domain._Rules(CountingSet(rules.exact), CountingSet(rules.wildcard), CountingSet(rules.exception), rules.depth)
    monkeypatch.setattr(domain, "_rules", lambda: counted)
    assert domain.split.__wrapped__(DEEP).registrable == "example.com"
    assert CountingSet.asked <= 3 * rules.depth


@pytest.mark.parametrize(
    "url",
    [
        "http://" + "a." * 100_000 + "com/",
        "https://" + "b" * 64 + ".vn/",
        "http://tin..nhandan.vn/",
        "http://" + ("x" * 60 + ".") * 5 + "vn/",  # 5 fine labels, 307 characters
    ],
    ids=["100k-labels", "64-char-label", "empty-label", "over-253"],
)
def test_a_host_dns_cannot_hold_is_refused_with_one_line(url: str) -> None:
    with pytest.raises(VerifyctlError, match="cannot exist in DNS"):
        parse(url)


def test_a_record_with_a_100000_label_link_is_judged(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    hostile = "http://" + "a." * 100_000 + "com/"
    src.write_text(json.dumps({"id": "x", "text": f"xem {hostile} ngay"}) + "\n" + json.dumps({"id": "y", "text": "tin"}) + "\n")
    out = tmp_path / "out.jsonl"
    proc = run_limited("screen", str(src), "-o", str(out), cwd=tmp_path)
    assert_clean(proc)
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["x", "y"]


# -- finding 6: no single input takes more than 1 GiB


def test_a_small_png_of_81_million_pixels_is_refused_before_decoding(tmp_path: Path) -> None:
    from PIL import Image

    picture = tmp_path / "big.png"
    Image.new("RGB", (9000, 9000), (12, 34, 56)).save(picture)
    assert picture.stat().st_size < 1 << 20
    run = run_measured([*verifyctl_argv(), "--lang", "en", "check", "--format", "json", str(picture)], cwd=tmp_path)
    assert run.returncode == 2 and "too many pixels" in run.stderr
    assert run.max_rss_kb < ONE_GIB_KB


def test_one_8_mb_word_in_a_post_stays_under_1_gib(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "w", "text": "a" * 8_000_000}) + "\n")
    out = tmp_path / "out.jsonl"
    run = run_measured([*verifyctl_argv(), "--lang", "en", "screen", str(src), "-o", str(out), "--jobs", "1"], cwd=tmp_path)
    assert run.returncode in (0, 1, 2) and "Traceback" not in run.stderr
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert "text too long to check" in json.dumps(record)
    assert run.max_rss_kb < ONE_GIB_KB


def test_a_hash_list_of_a_million_rows_is_refused_in_one_line(tmp_path: Path) -> None:
    rows = ["signal_type,signal_str,quality,entry,label,note,source_url,first_seen,added_on"]
    rows += [f"sha256,{i:064x},,e{i},fake,ảnh giả số {i},https://canhbao.example/a,,2026-01-01" for i in range(1_000_000)]
    hashes = tmp_path / "hashes.csv"
    hashes.write_text("\n".join(rows) + "\n", encoding="utf-8")
    from PIL import Image

    picture = tmp_path / "p.png"
    Image.new("RGB", (64, 64), (200, 10, 10)).save(picture)
    proc = run_limited("check", "--hashes", str(hashes), "--format", "json", str(picture), cwd=tmp_path)
    assert_clean(proc, 2)
    assert f"{hashes}: file too large" in proc.stderr


def test_a_rules_file_of_100000_rules_is_refused_in_one_line(tmp_path: Path) -> None:
    rule = "  - id: r{i}\n    rev: 1\n    phrases: [\"cụm từ số {i}\", \"khác {i}\"]\n"
    big = tmp_path / "rules.yaml"
    big.write_text("schema: 1\nrules:\n" + "".join(rule.format(i=i) for i in range(100_000)), encoding="utf-8")
    proc = run_limited("check", "--rules", str(big), "--as", "text", "tin", cwd=tmp_path)
    assert_clean(proc, 2)
    assert f"{big}:" in proc.stderr and "too big for a data file" in proc.stderr


# -- finding 7: typos PyYAML turns into crashes


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("schema_version: 1\nsources:\n  - id: x\n    verified_on: 2026-02-31\n", ":4:"),
        ("schema_version: 1\nsources:\n  - id: x\n    confidence: " + "9" * 5000 + "\n", ":4:"),
    ],
    ids=["impossible-date", "5000-digit-int"],
)
def test_a_value_yaml_cannot_build_is_a_file_line_error(tmp_path: Path, body: str, where: str) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(body, encoding="utf-8")
    proc = run_limited("check", "--sources", str(sources), "nhandan.vn", cwd=tmp_path)
    assert_clean(proc, 2)
    assert f"sources.yaml{where}" in proc.stderr and "cannot read the value" in proc.stderr


# -- finding 8: a redirect to a host no resolver takes


@pytest.mark.parametrize("host", ["tin..example.vn", "b" * 64 + ".example.vn", ".example.vn"])
def test_a_redirect_to_a_host_no_resolver_takes_is_an_error_not_a_thread_crash(
    monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    crashes: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: crashes.append(args.exc_value))
    with serve(redirect_to(lambda _: f"http://{host}/x")) as server:
        log = count_connects(monkeypatch)
        chain = GuardedFetcher(timeout=2, allow_loopback=True).follow(server.url("/short"))
    assert crashes == []
    assert chain.hops[-1].error is not None and not chain.complete
    assert log.addresses == [("127.0.0.1", server.port)]


# -- finding 11: bytes that are not UTF-8 in an argument


def test_an_argument_that_is_not_utf8_gives_json_that_is(tmp_path: Path) -> None:
    target = os.fsdecode(b"http://tin\xff.example.vn/a")
    proc = run_measured([*verifyctl_argv(), "check", "--format", "json", target], cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    record = json.loads(proc.stdout.decode("utf-8"))  # strict: raises on a raw 0xff
    assert record["verdict"] == "error"


def test_a_memory_limit_below_what_an_input_needs_is_one_line_not_a_crash(tmp_path: Path) -> None:
    """Under the bounds, but under a tighter `ulimit -v` than they need: exit 2, one line."""
    import re
    import resource
    import subprocess

    shipped = (Path(__file__).resolve().parents[2] / "data" / "rules.yaml").read_text(encoding="utf-8")
    head, _, rules = shipped.partition("\nrules:\n")
    first = re.split(r"\n(?=  - id: )", rules)[0]
    name = first.split("\n", 1)[0].removeprefix("  - id: ").strip()
    big = tmp_path / "rules.yaml"
    big.write_text(head + "\nrules:\n" + "".join(first.replace(name, f"{name}-{i}") + "\n" for i in range(3900)), encoding="utf-8")

    def tight() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (350 << 20, 350 << 20))

    proc = subprocess.run(
        [*verifyctl_argv(), "--lang", "en", "check", "--rules", str(big), "--as", "text", "tin"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, preexec_fn=tight, check=False,
    )
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert proc.stderr.splitlines() == [proc.stderr.strip()] and "out of memory" in proc.stderr
