"""`verifyctl check --as text` through the installed command: verdicts, rule ids, spans in the
original text, and bad input."""

from __future__ import annotations

import json
import unicodedata

import pytest

from cli_support import RunCli


def check_text(run_cli: RunCli, text: str | bytes, *extra: str) -> tuple[int, dict[str, object], str]:
    proc = run_cli("--lang", "en", "check", "--as", "text", "--format", "json", *extra, "-", input=text)
    record = json.loads(proc.stdout) if proc.stdout.strip() else {}
    return proc.returncode, record, proc.stderr


def rule_reasons(record: dict[str, object]) -> list[dict[str, object]]:
    reasons = record["reasons"]
    assert isinstance(reasons, list)
    return [r for r in reasons if r["code"] == "rule_match"]


@pytest.mark.parametrize(
    ("text", "rule", "matched"),
    [
        ("Bạn ơi chuyển khoản gấp cho mình 5 triệu nhé", "scam-urgent-transfer", "chuyển khoản gấp"),
        ("Bạn ơi C.H.U.Y.Ể.N KHOẢN GẤPPP cho mình", "scam-urgent-transfer", "C.H.U.Y.Ể.N KHOẢN GẤPPP"),
        ("Bạn ơi c h u y ể n   k h o ả n   g ấ p nhé", "scam-urgent-transfer", "c h u y ể n   k h o ả n   g ấ p"),
        ("ck gấp cho mình với", "scam-urgent-transfer", "ck gấp"),
        ("chu\u200byển kho\u200bản gấp", "scam-urgent-transfer", "chu\u200byển kho\u200bản gấp"),
        (unicodedata.normalize("NFD", "xin chuyển khoản gấp"), "scam-urgent-transfer", unicodedata.normalize("NFD", "chuyển khoản gấp")),
        ("Cho mình xin mã OTP nhé", "scam-otp-request", "Cho mình xin mã OTP"),
        ("Tuyển CTV việc nhẹ lương cao", "scam-easy-job", "Tuyển CTV việc nhẹ lương cao"),
        ("tuyen gap viec nhe luong cao", "scam-easy-job", "tuyen gap viec nhe luong cao"),
        ("TUYỆT MẬT - kế hoạch", "classified-stamp", "TUYỆT MẬT"),
        ("Văn bản góc trên ghi MẬT", "classified-stamp", "MẬT"),
        ("CCCD 001203012345 của ông ấy", "personal-citizen-id", "CCCD 001203012345"),
        ("SH@RE trước khi bị xoá!!!", "rumour-share-pressure", "SH@RE trước khi bị xoá"),
        ("Ảnh thật 100%, không cắt ghép", "fabricated-media-claim", "Ảnh thật 100%"),
    ],
)
def test_rule_match_with_span_in_original_text(run_cli: RunCli, text: str, rule: str, matched: str) -> None:
    code, record, _ = check_text(run_cli, text)
    assert code == 1
    assert record["kind"] == "text"
    assert record["target"] == text
    found = {r["rule"]: r for r in rule_reasons(record)}
    assert rule in found, found
    start, end = found[rule]["span"]  # type: ignore[misc]
    assert text[start:end] == matched
    assert found[rule]["matched"] == matched
    assert found[rule]["message"] and found[rule]["advice"] and found[rule]["category"]


@pytest.mark.parametrize(
    "text",
    [
        "công an",
        "chia sẻ",
        "chuyển khoản",
        "tin nóng",
        "Công an phường tổ chức chia sẻ kinh nghiệm chuyển khoản an toàn. Tin nóng trong ngày.",
        "Mật ong rừng, mật khẩu, quan hệ mật thiết, bí mật, mật độ dân cư",
        "BÍ MẬT CỦA LÀN DA, MẬT ONG NGUYÊN CHẤT",
    ],
)
def test_generic_words_never_fire(run_cli: RunCli, text: str) -> None:
    code, record, _ = check_text(run_cli, text)
    assert rule_reasons(record) == []
    assert record["verdict"] == "verify"
    assert [r["code"] for r in record["reasons"]] == ["no_source"]  # type: ignore[union-attr]
    assert code == 1  # verify is at the default --fail-on level


def test_clean_post_without_link_is_verify_never_share(run_cli: RunCli) -> None:
    code, record, _ = check_text(run_cli, "Hôm nay trời đẹp, cả nhà đi chơi công viên.", "--fail-on", "dont_share")
    assert code == 0
    assert record["verdict"] == "verify"
    assert record["reasons"][0]["code"] == "no_source"  # type: ignore[index]


def test_dont_share_and_verify_rules_give_the_worst(run_cli: RunCli) -> None:
    code, record, _ = check_text(run_cli, "Nghe nói có người chuyển khoản gấp 10 triệu, báo cho mọi người biết", "--fail-on", "dont_share")
    assert code == 1
    assert record["verdict"] == "dont_share"
    assert {r["rule"] for r in rule_reasons(record)} == {"rumour-hearsay-source", "scam-urgent-transfer"}


def test_scam_warning_is_not_a_scam(run_cli: RunCli) -> None:
    _, record, _ = check_text(run_cli, "Cảnh giác: kẻ gian nhắn tin nhờ chuyển khoản gấp, đừng làm theo.")
    assert rule_reasons(record) == []


def test_invalid_utf8_is_one_line_exit_2(run_cli: RunCli) -> None:
    code, _, err = check_text(run_cli, b"chuy\xe1\xbb\x83n kho\xff gap")
    assert code == 2
    assert "<stdin>:1:" in err and "UTF-8" in err
    assert "Traceback" not in err


def test_human_output_highlights_the_post(run_cli: RunCli) -> None:
    proc = run_cli("--lang", "vi", "check", "--as", "text", "--format", "human", "-", input="TUYỆT MẬT\x1b[2J kế hoạch")
    assert proc.returncode == 1
    assert "TUYỆT MẬT" in proc.stdout
    assert "classified-stamp" not in proc.stdout  # rule ids only with --verbose (issue 20)
    verbose = run_cli("--lang", "vi", "check", "-v", "--as", "text", "--format", "human", "-", input="TUYỆT MẬT kế hoạch")
    assert "classified-stamp" in verbose.stdout
    assert "\x1b[2J" not in proc.stdout  # clean(): a post cannot drive the terminal
    assert "Không chụp, đăng hay chia sẻ tài liệu mật" in proc.stdout


def test_other_rule_file(run_cli: RunCli, tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    rules = tmp_path / "mine.yaml"
    rules.write_text(
        """schema: 1
version: "1"
categories: {scam: {vi: "Lừa đảo", en: "Scam"}}
rules:
  - id: my-rule
    rev: 1
    title: {vi: "Thử", en: "Test"}
    message: {vi: "Khớp quy tắc thử", en: "Matches the test rule"}
    advice: {vi: "Đừng", en: "Don't"}
    category: scam
    verdict: verify
    patterns: [quả táo vàng]
""",
        encoding="utf-8",
    )
    code, record, _ = check_text(run_cli, "Tôi có QUẢ TÁO VÀNG", "--rules", str(rules))
    assert [r["rule"] for r in rule_reasons(record)] == ["my-rule"]
    assert rule_reasons(record)[0]["span"] == [7, 19]
    assert code == 1


@pytest.mark.parametrize(
    ("text", "verdict", "codes", "links"),
    [
        ("Tin chính thức: https://nhandan.vn/chinh-tri/abc.html", "share", ["official_source"], ["https://nhandan.vn/chinh-tri/abc.html"]),
        ("Xem tại nhandan.vn/abc và vtv.vn/x.", "share", ["official_source", "official_source"], ["nhandan.vn/abc", "vtv.vn/x"]),
        ("Đọc ngay nhandan-vn.com/x", "dont_share", ["lookalike_domain", "no_source"], ["nhandan-vn.com/x"]),
        ("Nghe nói có biến, chia sẻ cho mọi người, xem nhandan.vn/x", "verify", ["rule_match", "official_source"], ["nhandan.vn/x"]),
    ],
)
def test_links_in_the_post_are_judged(run_cli: RunCli, text: str, verdict: str, codes: list[str], links: list[str]) -> None:
    code, record, _ = check_text(run_cli, text)
    assert record["verdict"] == verdict
    reasons = record["reasons"]
    assert isinstance(reasons, list)
    assert [r["code"] for r in reasons] == codes
    linked = [r for r in reasons if "link" in r]
    assert [r["link"] for r in linked] == links
    assert all(text[r["span"][0] : r["span"][1]] == r["link"] for r in linked)
    assert code == (0 if verdict == "share" else 1)
