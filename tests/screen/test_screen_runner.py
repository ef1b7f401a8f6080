"""The batch machinery: order with several workers, the URL cache, the pure functions, the
journal's repair of a partial last line, and resuming."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from screen_fakes import FakeEngine
from screen_helpers import FAKE, Screen, screen_fixture  # noqa: F401  (the `screen` fixture)

from verifyctl.errors import DataFileError, VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.screen import journal
from verifyctl.screen.post import (
    CachingEngine,
    Screener,
    Settings,
    UrlCache,
    screen_partition,
    screen_record,
    url_key,
)
from verifyctl.screen.readers.lines import JsonFields
from verifyctl.screen.run import RunOptions, run
from verifyctl.screen.summary import Summary, _link_host, host_of
from verifyctl.verdict import Reason, Result, Verdict


def _posts(path: Path, n: int) -> Path:
    lines = []
    for i in range(n):
        # uneven work per record, so chunks finish out of order in the pool
        links = " ".join(f"https://site{j}.example/{i}" for j in range(i % 23))
        flagged = "chia sẻ trước khi bị xóa" if i % 5 == 0 else "tin thường"
        lines.append(json.dumps({"id": f"r{i}", "text": f"Bài {i}: {flagged} {links}"}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_order_with_two_jobs_matches_one(tmp_path: Path, screen: Screen) -> None:
    src = _posts(tmp_path / "in.jsonl", 3000)
    two = screen(src, jobs=2, chunk=7)
    assert [o["id"] for o in two] == [f"r{i}" for i in range(3000)]
    assert two == screen(src, jobs=1, chunk=1000)


def test_summary_adds_up(tmp_path: Path) -> None:
    src = _posts(tmp_path / "in.jsonl", 500)
    (tmp_path / "in.jsonl").open("a").write("not json\n")
    summary = run([str(src)], FAKE, RunOptions(output=str(tmp_path / "o.jsonl"), jobs=2, chunk=16))
    assert summary.total == 501 == sum(summary.verdicts.values())
    assert summary.verdicts["dont_share"] == 100
    assert summary.verdicts["error"] == 1
    assert summary.rules["share-before-deleted"] == 100
    assert summary.domains["site0.example"] == 500 - 500 // 23 - (1 if 500 % 23 else 0)


@settings(max_examples=2000, deadline=None)
@given(
    st.builds(
        lambda scheme, host, tail: scheme + host + tail,
        st.sampled_from(["https://", "HTTP://", "http:/", "ftp://", "", "//"]),
        st.sampled_from(["nhandan.vn", "NhanDan.VN", "a-b.c0m", "1.2.3.4", "x", "user@h.vn", "h.vn:80",
                         "h.vn:x", "evil.com\\@nhandan.vn", "[::1]", "", "h.vn."]),
        st.sampled_from(["", "/", "/a?b#c", "?q", "#f", ":443/p", "@x", "\\y", " z"]),
    )
)
def test_a_links_host_in_the_summary_is_what_urlsplit_says(url: str) -> None:
    """The summary reads a plain link's host with one regex; anything else goes to urlsplit."""
    assert host_of({"code": "official_source", "link": url}) == _link_host(url)


def test_pure_functions_pickle_and_agree() -> None:
    settings = pickle.loads(pickle.dumps(FAKE))
    records = [
        {"id": "a", "text": "xem https://nhandan.vn/x", "urls": [], "images": [], "origin": {"file": "f", "index": 1}},
        {"jsonl": b'{"id": "b", "text": "chia s\\u1ebb tr\\u01b0\\u1edbc khi b\\u1ecb x\\u00f3a"}',
         "fields": JsonFields(), "origin": {"file": "f", "index": 2, "line": 2}},
        {"id": None, "error": {"vi": "hỏng", "en": "broken"}, "origin": {"file": "f", "index": 3}},
        {"jsonl": '{"k": 9, "body": "xin chào", "links": "https://nhandan.vn/"}',
         "fields": {"id": "k", "text": "body", "urls": ["links"]}, "origin": {"file": "f", "index": 4, "line": 4}},
    ]
    outs = screen_partition(records, settings)
    assert [screen_record(r, settings) for r in records] == outs
    assert [o["verdict"] for o in outs] == ["share", "dont_share", "error", "share"]
    assert outs[2]["id"] == "f:3"
    assert outs[3]["id"] == "9"
    json.dumps(outs)  # JSON-able
    assert pickle.loads(pickle.dumps(screen_partition)) is screen_partition


def _counting_cache() -> tuple[UrlCache, list[str]]:
    calls: list[str] = []

    def check(raw: str) -> Result:
        calls.append(raw)
        return Result.of(raw, "url", [Reason("unknown_source", Verdict.VERIFY, Msg("?", "?"))])

    return UrlCache(check, size=3), calls


def test_url_verdicts_cached_by_canonical_form() -> None:
    cache, calls = _counting_cache()
    first = cache.check("https://a.example/x")
    assert cache.check("https://a.example/x") is first
    assert cache.check(" HTTPS://A.EXAMPLE/x#top") is first  # same canonical URL
    cache.check("https://b.example/")
    assert calls == ["https://a.example/x", "https://b.example/"]


@pytest.mark.parametrize(
    ("seen", "then"),
    [
        ("https://nhandan.vn/", "http://evil.com\\@nhandan.vn/"),
        ("http://nhandan.vn/", "nhandan.vn.evil.com/"),
    ],
)
def test_cache_never_merges_what_browsers_see_as_different_hosts(seen: str, then: str) -> None:
    cache, calls = _counting_cache()
    cache.check(seen)
    cache.check(then)
    assert calls == [seen, then]


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("HTTPS://NhanDan.VN/Bai-Viet?id=1#binh-luan", "https://nhandan.vn/Bai-Viet?id=1"),
        ("http://nhandan.vn", "http://nhandan.vn/"),
        ("https://nhandan.vn:443/a", "https://nhandan.vn:443/a"),
        # anything a browser could read another way is its own key, untouched
        ("http://evil.com\\@nhandan.vn/", "http://evil.com\\@nhandan.vn/"),
        ("https://user@NHANDAN.vn/", "https://user@NHANDAN.vn/"),
        ("https://nh%61ndan.vn/", "https://nh%61ndan.vn/"),
        ("nhandan.vn/a", "nhandan.vn/a"),
        ("https://xn--nhndan-vn.com/", "https://xn--nhndan-vn.com/"),
        ("https://nhândan.vn/", "https://nhândan.vn/"),
    ],
)
def test_url_key(raw: str, key: str) -> None:
    assert url_key(raw) == key


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="htps:/.-?#\\@%aAnN0 ", max_size=40) | st.sampled_from(["HTTPS://NhanDan.VN/x#y", "http://a.b", " https://a.b/ "]))
def test_url_key_is_its_own_key(raw: str) -> None:
    """The cache looks a link up under its own spelling first: sound only because a key is
    its own key."""
    assert url_key(url_key(raw)) == url_key(raw)


def test_cache_stays_bounded() -> None:
    cache, calls = _counting_cache()
    for i in range(10):
        cache.check(f"https://h{i}.example/")
    assert len(cache._young) + len(cache._old) <= 2 * 3
    cache.check("https://h9.example/")
    assert len(calls) == 10


def test_a_link_that_keeps_coming_back_stays_while_one_offs_age_out() -> None:
    cache, calls = _counting_cache()
    viral = "https://viral.example/"
    for i in range(30):
        cache.check(viral)
        cache.check(f"https://new{i}.example/")  # each seen once, two for every viral one
    assert calls.count(viral) == 1
    assert len(calls) == 31
    cache.check("https://new0.example/")  # long aged out
    assert len(calls) == 32


def test_the_engine_uses_the_cache_for_links_in_text_too() -> None:
    engine = CachingEngine()
    first = engine.check_url("https://nhandan.vn/a")
    assert engine.check_url("https://nhandan.vn/a") is first


def test_attachment_errors_make_the_post_verify() -> None:
    class Broken(FakeEngine):
        def check_url(self, raw: str) -> Result:
            raise VerifyctlError(Msg("link hỏng", "bad link"), raw)

    screener = Screener(Broken(), "en")
    out = screener.screen({"id": "x", "text": "", "urls": ["http://[::1"], "images": [], "origin": {}})
    assert out["verdict"] == "verify"
    assert out["reasons"][0]["code"] == "invalid_input"


def test_a_crashing_check_is_one_error_record() -> None:
    class Crashing(FakeEngine):
        def check_text(self, text: str) -> Result:
            raise ZeroDivisionError

    out = Screener(Crashing(), "en").screen({"id": "x", "text": "a", "origin": {"file": "f", "index": 1}})
    assert out["verdict"] == "error"
    assert out["reasons"][0]["code"] == "check_failed"


class LazyBrokenRules(FakeEngine):
    def check_text(self, text: str) -> Result:
        raise DataFileError(Msg("quy tắc hỏng", "broken rules"), "rules.yaml", 3)


def test_data_file_errors_in_workers_stop_the_run(tmp_path: Path) -> None:
    src = _posts(tmp_path / "in.jsonl", 10)
    settings = Settings(engine=LazyBrokenRules, lang="en")
    with pytest.raises(VerifyctlError, match=r"rules.yaml:3: broken rules"):
        run([str(src)], settings, RunOptions(output=str(tmp_path / "o.jsonl"), jobs=2, chunk=2))


@pytest.mark.parametrize("tail", [b"", b'{"target": "x", "kind"', b"{", b"\xc3"])
def test_recover_cuts_a_partial_last_line(tmp_path: Path, tail: bytes) -> None:
    out = tmp_path / "o.jsonl"
    whole = [json.dumps({"verdict": "share", "origin": {"file": "f", "index": i}}) for i in (1, 2)]
    out.write_bytes(("\n".join(whole) + "\n").encode() + tail)
    done = journal.recover(str(out))
    assert done.count == 2
    assert done.last_origin == {"file": "f", "index": 2}
    assert out.read_bytes().endswith(b"}\n")


def test_recover_refuses_a_foreign_file(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text("hello\n", encoding="utf-8")
    with pytest.raises(VerifyctlError, match=r"o\.jsonl:1"):
        journal.recover(str(out))


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "html"])
@pytest.mark.parametrize("again", [50, 64], ids=["same-chunks", "stopped-inside-a-block"])
def test_resume_after_a_stop(tmp_path: Path, fmt: str, again: int) -> None:
    src = _posts(tmp_path / "in.jsonl", 400)
    target = tmp_path / f"o.{fmt}"
    options = RunOptions(output=str(target), output_format=fmt, jobs=1, chunk=50)  # type: ignore[arg-type]
    seen = [0]

    def stop_after_three(n: int) -> None:
        seen[0] += n
        if seen[0] >= 150:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run([str(src)], FAKE, options, stop_after_three)
    partial = target if fmt == "jsonl" else Path(str(target) + ".partial.jsonl")
    assert len(partial.read_text(encoding="utf-8").splitlines()) == 150
    assert fmt == "jsonl" or not target.exists()
    summary = run([str(src)], FAKE, RunOptions(output=str(target), output_format=fmt, resume=True, chunk=again))  # type: ignore[arg-type]
    assert summary.total == 400
    assert not Path(str(target) + ".partial.jsonl").exists()
    if fmt == "jsonl":
        out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
        assert [o["id"] for o in out] == [f"r{i}" for i in range(400)]
        assert [o["origin"]["index"] for o in out] == list(range(1, 401))
    elif fmt == "csv":
        rows = target.read_text(encoding="utf-8-sig").splitlines()
        assert len(rows) == 401


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    src = _posts(tmp_path / "in.jsonl", 5)
    before = src.read_bytes()
    with pytest.raises(VerifyctlError, match="one of the inputs"):
        run([str(src)], FAKE, RunOptions(output=str(tmp_path / "." / "in.jsonl")))
    assert src.read_bytes() == before


def test_resume_refuses_other_inputs(tmp_path: Path) -> None:
    src = _posts(tmp_path / "in.jsonl", 20)
    other = _posts(tmp_path / "other.jsonl", 20)
    target = tmp_path / "o.jsonl"
    run([str(src)], FAKE, RunOptions(output=str(target)))
    with pytest.raises(VerifyctlError, match="does not match"):
        run([str(other)], FAKE, RunOptions(output=str(target), resume=True))


def test_the_summary_counts_each_host_once_a_post() -> None:
    summary = Summary()
    reasons = [
        {"code": "official_source", "link": "https://nhandan.vn/a"},
        {"code": "lookalike_domain", "host": "NhanDan-VN.com", "imitates": "nhan-dan", "link": "https://nhandan-vn.com/"},
        {"code": "official_source", "link": "HTTPS://NHANDAN.VN/b"},
        {"code": "rule_match", "rule": "r1"},
        {"code": "unknown_source", "host": "tin.example.vn"},
        {"code": "unknown_source", "link": "https://tin.example.vn/c"},
        {"code": "no_source"},
    ]
    summary.add({"verdict": "dont_share", "reasons": reasons})
    summary.add({"verdict": "verify", "reasons": reasons[4:]})
    summary.add({"verdict": "error", "id": "f:3", "reasons": [{"code": "invalid_input", "message": "f:3: bad"}]})
    assert summary.domains == {"nhandan.vn": 1, "nhandan-vn.com": 1, "tin.example.vn": 2}
    assert summary.rules == {"r1": 1} and summary.imitated == {"nhan-dan": 1}
    assert summary.verdicts == {"dont_share": 1, "verify": 1, "error": 1} and summary.total == 3
    assert summary.errors == [("f:3", "bad")]
