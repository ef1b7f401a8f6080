"""`verifyctl check URL` through the installed command, in JSON, on the shipped list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

RunCli = Any


def _check(run_cli: RunCli, *targets: str, lang: str = "en") -> tuple[int, list[dict[str, Any]]]:
    proc = run_cli("check", "--format", "json", "--lang", lang, *targets)
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == len(targets), proc.stderr
    return proc.returncode, records


CASES = [
    # official domains
    ("https://nhandan.vn/chinh-tri/bai-viet-post1.html", "share", "official_source", {"source_id": "nhan-dan", "tier": "core"}),
    ("NHANDAN.VN./x", "share", "official_source", {"source_id": "nhan-dan"}),
    ("'https://www.qdnd.vn/'", "share", "official_source", {"source_id": "qdnd"}),
    ("vtv.vn", "share", "official_source", {"source_id": "vtv"}),
    ("https://vov.vn/", "share", "official_source", {"source_id": "vov"}),
    ("https://www.vietnamplus.vn/", "share", "official_source", {"source_id": "ttxvn"}),
    ("https://dangcongsan.vn/", "share", "official_source", {"source_id": "dcsvn-online"}),
    ("https://baodongnai.com.vn/english/", "share", "official_source", {"source_id": "dong-nai-media"}),
    ("https://chinhphu.vn/", "share", "official_source", {"tier": "government"}),
    ("https://moj.gov.vn/", "share", "official_source", {"tier": "government"}),
    ("https://vtc.vn/", "share", "official_source", {"source_id": "vtc", "tier": "press"}),
    # merged or retired outlets
    ("https://baobinhphuoc.com.vn/news/1", "verify", "former_source", {"source_id": "bptv", "successor": "dong-nai-media", "until": "2025-07-01"}),
    # official accounts
    ("https://www.facebook.com/thongtinchinhphu", "share", "official_account", {"source_id": "chinh-phu", "platform": "facebook"}),
    ("https://m.facebook.com/ThongTinChinhPhu/posts/1", "share", "official_account", {"source_id": "chinh-phu"}),
    ("https://www.facebook.com/groups/chinhsachphapluat", "share", "official_account", {"source_id": "chinh-phu"}),
    ("https://www.facebook.com/thongtinchinhphu2", "dont_share", "lookalike_account", {"imitates": "chinh-phu"}),
    ("https://www.facebook.com/someone.else", "verify", "unknown_account", {"platform": "facebook"}),
    ("https://youtu.be/abc", "verify", "unknown_account", {"platform": "youtube"}),
    # lookalikes of each kind
    ("https://nhạndan.vn/", "dont_share", "lookalike_domain", {"imitates": "nhan-dan", "kind": "homoglyph"}),
    ("https://nhаndan.vn/", "dont_share", "lookalike_domain", {"imitates": "nhan-dan", "kind": "homoglyph"}),
    ("https://nhandan.com/", "dont_share", "lookalike_domain", {"imitates": "nhan-dan", "kind": "tld_swap"}),
    ("https://nhandan.id.vn/", "dont_share", "lookalike_domain", {"imitates": "nhan-dan", "kind": "tld_swap"}),
    ("https://nhan-dan.vn/", "dont_share", "lookalike_domain", {"imitates": "nhan-dan", "kind": "hyphenation"}),
    ("https://nhandan-news.com/", "dont_share", "lookalike_domain", {"imitates": "nhan-dan", "kind": "combosquat"}),
    ("https://tin-nhandan.net/", "dont_share", "lookalike_domain", {"imitates": "nhan-dan", "kind": "combosquat"}),
    ("https://nhandan.vn.example.xyz/", "dont_share", "lookalike_domain", {"imitates": "nhan-dan", "kind": "embedded"}),
    ("https://nhan.dan.vn/", "dont_share", "lookalike_domain", {"imitates": "nhan-dan", "kind": "embedded"}),
    ("https://nhandan-vn.com/", "dont_share", "lookalike_domain", {"imitates": "nhan-dan", "kind": "embedded"}),
    ("https://nhandna.vn/", "dont_share", "lookalike_domain", {"imitates": "nhan-dan", "kind": "typosquat"}),
    ("https://vtb.vn/", "dont_share", "lookalike_domain", {"imitates": "vtv", "kind": "typosquat"}),
    ("https://dangcongsaan.vn/", "dont_share", "lookalike_domain", {"imitates": "dcsvn-online", "kind": "typosquat"}),
    # impersonators
    ("https://nhandanvietnam.com/canh-bao", "dont_share", "blocklisted", {"host": "nhandanvietnam.com"}),
    ("https://vnexpressnews.net/", "dont_share", "blocklisted", {"host": "vnexpressnews.net"}),
    ("http://203.205.37.201/tin-tuc/bptv.html", "dont_share", "blocklisted", {}),
    # shorteners
    ("https://bit.ly/3abcdef", "verify", "shortened_link", {"host": "bit.ly"}),
    ("tinyurl.com/xyz", "verify", "shortened_link", {"host": "tinyurl.com"}),
    # IP addresses
    ("http://2130706433/", "verify", "ip_address", {"host": "127.0.0.1"}),
    ("http://[::ffff:127.0.0.1]/", "verify", "ip_address", {}),
    # unknown sites
    ("https://example.com/", "verify", "unknown_source", {"host": "example.com"}),
    ("http://evil.com\\@nhandan.vn/", "verify", "unknown_source", {"host": "evil.com"}),
    ("https://qtv.vn/", "share", "official_source", {"source_id": "quang-ninh-media"}),  # QTV, Quảng Ninh
]


@pytest.mark.parametrize(("target", "verdict", "code", "fields"), CASES, ids=[c[0] for c in CASES])
def test_check_url(run_cli: RunCli, target: str, verdict: str, code: str, fields: dict[str, Any]) -> None:
    rc, (record,) = _check(run_cli, target)
    assert record["target"] == target and record["kind"] == "url"
    assert record["verdict"] == verdict
    reason = record["reasons"][0]
    assert reason["code"] == code and reason["verdict"] == verdict and reason["message"]
    assert {k: reason[k] for k in fields} == fields
    assert rc == (0 if verdict == "share" else 1)


def test_many_targets_one_record_each(run_cli: RunCli) -> None:
    rc, records = _check(run_cli, "https://nhandan.vn/", "https://nhandan.com/", "https://vtv.vn/")
    assert [r["verdict"] for r in records] == ["share", "dont_share", "share"]
    assert rc == 1


def test_fail_on_dont_share(run_cli: RunCli) -> None:
    proc = run_cli("check", "--format", "json", "--fail-on", "dont_share", "https://example.com/")
    assert proc.returncode == 0


def test_vietnamese_messages(run_cli: RunCli) -> None:
    _, (record,) = _check(run_cli, "https://baobinhphuoc.com.vn/", lang="vi")
    message = record["reasons"][0]["message"]
    assert "Báo và Phát thanh, Truyền hình Đồng Nai" in message and "1/7/2025" in message


def test_canonical_form_in_the_record(run_cli: RunCli) -> None:
    _, (record,) = _check(run_cli, "HTTP://NHANDAN.VN./a/../b#x")
    assert record["canonical"] == "http://nhandan.vn/b"
    assert record["url"] == "http://nhandan.vn./b#x"


def test_bad_links_in_a_list_get_their_own_records(run_cli: RunCli, tmp_path: Path) -> None:
    listing = tmp_path / "links.txt"
    listing.write_bytes(
        b"https://nhandan.vn/a\njavascript:alert(1)\nhttp://nhandan.vn:99999/\n\xff\xfe bad\nnhandan.com\n"
    )
    proc = run_cli("check", "--format", "json", "--as", "url", "--from", str(listing))
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["verdict"] for r in records] == ["share", "error", "error", "error", "dont_share"]
    assert records[1]["reasons"][0]["code"] == "invalid_input"
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{listing}:4" in proc.stderr


def test_a_bad_link_alone_is_one_line_and_exit_2(run_cli: RunCli) -> None:
    proc = run_cli("check", "--format", "json", "--as", "url", "javascript:alert(1)")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_human_output(run_cli: RunCli) -> None:
    proc = run_cli("check", "--format", "human", "--lang", "vi", "-v", "https://nhạndan.vn/", "https://nhandan.vn/")
    assert "KHÔNG CHIA SẺ" in proc.stdout and "CÓ THỂ CHIA SẺ" in proc.stdout
    assert "[lookalike_domain]" in proc.stdout and "Báo Nhân Dân" in proc.stdout
    assert proc.returncode == 1
