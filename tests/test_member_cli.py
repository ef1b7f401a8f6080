"""What a member meets at the terminal (issue 20), through the installed command: words typed
without quotes, a missing picture, empty input, links that are not web pages, Vietnamese
everywhere (click's own words too), plain words for network and picture problems, code tags
only with --verbose, wrapped lines under their own indent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image

from cli_support import RunCli


def _json(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_unquoted_words_are_one_post(run_cli: RunCli) -> None:
    proc = run_cli("check", "--format", "json", "Cho", "mình", "xin", "mã", "OTP")
    records = _json(proc.stdout)
    assert len(records) == 1
    assert records[0]["target"] == "Cho mình xin mã OTP"
    assert records[0]["verdict"] == "dont_share"
    assert proc.returncode == 1


def test_quoted_posts_and_links_stay_apart(run_cli: RunCli) -> None:
    proc = run_cli("check", "--format", "json", "bài một ở đây", "bài hai ở đây")
    assert [r["target"] for r in _json(proc.stdout)] == ["bài một ở đây", "bài hai ở đây"]
    proc = run_cli("check", "--format", "json", "nhandan.vn", "xem", "ngay")
    assert [r["kind"] for r in _json(proc.stdout)] == ["url", "text", "text"]


def test_help_says_words_are_one_post(run_cli: RunCli) -> None:
    assert "một bài viết" in run_cli("check", "--help").stdout
    assert "are one post" in run_cli("check", "--help", "--lang", "en").stdout


@pytest.mark.parametrize("name", ["anh.jpg", "Downloads/anh.PNG", "./hinh.webp"])
def test_missing_picture_is_no_such_file(run_cli: RunCli, name: str) -> None:
    proc = run_cli("check", "--format", "json", name)
    assert proc.returncode == 2
    (record,) = _json(proc.stdout)
    assert record["kind"] == "image" and record["verdict"] == "error"
    assert "không có tệp này" in proc.stderr
    assert "nguồn chính thống" not in proc.stderr


def test_a_link_to_a_picture_stays_a_link(run_cli: RunCli) -> None:
    (record,) = _json(run_cli("check", "--format", "json", "nhandan.vn/anh.jpg").stdout)
    assert record["kind"] == "url" and record["verdict"] == "share"


@pytest.mark.parametrize(("args", "stdin"), [(("",), None), (("   ",), None), (("-",), b""), (("-",), b" \n\n")])
def test_empty_input_is_an_input_error(run_cli: RunCli, args: tuple[str, ...], stdin: bytes | None) -> None:
    proc = run_cli("check", "--format", "json", *args, input=stdin)
    assert proc.returncode == 2
    assert _json(proc.stdout)[0]["verdict"] == "error"
    assert "đầu vào trống" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JavaScript:void(0)", "data:text/html,<b>x</b>", "file:///etc/passwd", "vbscript:msgbox"])
def test_links_that_are_not_web_pages_are_input_errors(run_cli: RunCli, link: str) -> None:
    proc = run_cli("check", "--format", "json", link)
    assert proc.returncode == 2
    (record,) = _json(proc.stdout)
    assert record["kind"] == "url" and record["verdict"] == "error"
    assert "http" in proc.stderr


def test_a_word_with_a_colon_is_still_text(run_cli: RunCli) -> None:
    (record,) = _json(run_cli("check", "--format", "json", "Lưu ý:").stdout)
    assert record["kind"] == "text"


@pytest.mark.parametrize("lang", ["C", "C.UTF-8", "POSIX", ""])
def test_c_locales_are_unset_so_vietnamese(run_cli: RunCli, lang: str) -> None:
    proc = run_cli("check", "--format", "human", "https://nhandan.vn/", env={"LANG": lang, "LC_ALL": lang})
    assert "CHIA SẺ" in proc.stdout


def test_english_locale_is_english(run_cli: RunCli) -> None:
    proc = run_cli("check", "--format", "human", "https://nhandan.vn/", env={"LANG": "en_US.UTF-8"})
    assert "SHARE" in proc.stdout and "CHIA SẺ" not in proc.stdout


def test_clicks_own_words_in_vietnamese(run_cli: RunCli) -> None:
    help_text = run_cli("check", "--help").stdout
    for english in ("Usage:", "Options:", "Show this message and exit", "[OPTIONS]"):
        assert english not in help_text
    assert "Cách dùng:" in help_text and "Tùy chọn:" in help_text and "Hiện hướng dẫn này rồi thoát." in help_text
    assert "Hiện phiên bản rồi thoát." in run_cli("--help").stdout
    bad = run_cli("check", "--bogus")
    assert bad.returncode == 2
    assert "Lỗi: Không có tùy chọn '--bogus'" in bad.stderr and "để xem hướng dẫn" in bad.stderr
    choice = run_cli("check", "--format", "xml", "x")
    assert "Giá trị không hợp lệ cho '--format'" in choice.stderr and "Invalid value" not in choice.stderr
    missing = run_cli("check")
    assert "thiếu TARGET" in missing.stderr
    english = run_cli("check", "--help", "--lang", "en").stdout
    assert "Usage:" in english and "Show this message and exit." in english


def test_code_tags_only_with_verbose(run_cli: RunCli) -> None:
    plain = run_cli("check", "--format", "human", "https://nhandan.vn/", "https://www.youtube.com/@VTV24").stdout
    assert "[official_source]" not in plain and "[official_account" not in plain
    verbose = run_cli("check", "--format", "human", "-v", "https://nhandan.vn/", "https://www.youtube.com/@VTV24").stdout
    assert "[official_source]" in verbose and "[official_account: seen]" in verbose
    (record,) = _json(run_cli("check", "--format", "json", "https://nhandan.vn/").stdout)
    assert record["reasons"][0]["code"] == "official_source"  # type: ignore[index]


def test_a_seen_account_has_its_own_words(run_cli: RunCli) -> None:
    out = run_cli("check", "--format", "human", "https://www.youtube.com/@VTV24").stdout
    assert out.startswith("? KIỂM CHỨNG")
    out = " ".join(out.split())  # the words, wherever a line was wrapped
    assert "chưa được xác nhận chính thức" in out
    assert "Tài khoản YouTube @VTV24 của" not in out  # the words of a confirmed account


def test_wrapped_lines_keep_their_indent(run_cli: RunCli) -> None:
    post = "Chia sẻ gấp trước khi bị xóa: nghe nói ngân hàng sắp khóa tài khoản, ai cần thì chuyển khoản gấp nhé"
    out = run_cli("check", "--format", "human", "--as", "text", post, env={"COLUMNS": "50"}).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 50
    assert all(line.startswith(("? ", "✘ ", "✔ ", "  ", "    ")) for line in lines), out
    assert sum(1 for line in lines if line.startswith("    ") and not line.startswith("      ")) > 3


def test_low_quality_picture_in_plain_words(run_cli: RunCli, tmp_path: Path) -> None:
    Image.new("RGB", (200, 150), (128, 128, 128)).save(tmp_path / "xam.png")
    proc = run_cli("check", "--format", "human", str(tmp_path / "xam.png"))
    assert "PDQ" not in proc.stdout and "< 50" not in proc.stdout
    assert "rõ nét" in " ".join(proc.stdout.split())
    (record,) = _json(run_cli("check", "--format", "json", str(tmp_path / "xam.png")).stdout)
    assert record["reasons"][0]["quality"] == 0  # type: ignore[index]


def test_attached_official_account_counts_like_one_in_the_text(run_cli: RunCli, tmp_path: Path) -> None:
    rows = [
        {"id": "attached", "text": "Thông báo mới về lịch nghỉ", "urls": ["https://www.facebook.com/thongtinchinhphu"]},
        {"id": "inline", "text": "Thông báo mới về lịch nghỉ https://www.facebook.com/thongtinchinhphu"},
        {"id": "site", "text": "Thông báo mới về lịch nghỉ", "urls": ["https://nhandan.vn/tin"]},
    ]
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    records = {r["id"]: r for r in _json(run_cli("screen", str(posts)).stdout)}
    assert {k: r["verdict"] for k, r in records.items()} == {"attached": "share", "inline": "share", "site": "share"}
    codes = [r["code"] for r in records["attached"]["reasons"]]  # type: ignore[union-attr]
    assert "no_source" not in codes


# What a member expects of the source list (issue 16) and the lookalike check (issue 14).
def test_znews_former_domain_is_not_unknown(run_cli: RunCli) -> None:
    records = _json(run_cli("check", "--format", "json", "znews.vn", "zingnews.vn").stdout)
    assert records[0]["verdict"] == "share"
    assert records[1]["verdict"] != "verify" or any(
        r["code"] == "former_source" for r in records[1]["reasons"]  # type: ignore[union-attr]
    )


def test_vnews_is_not_a_lookalike_of_bnews(run_cli: RunCli) -> None:
    (record,) = _json(run_cli("check", "--format", "json", "vnews.vn").stdout)
    assert not any(r["code"] == "lookalike_domain" for r in record["reasons"])  # type: ignore[union-attr]
    assert record["verdict"] != "dont_share"


def test_summary_and_numbers_are_formatted_alike(run_cli: RunCli, tmp_path: Path) -> None:
    posts = tmp_path / "posts.txt"
    posts.write_text("".join(f"bài số {i}\n" for i in range(1234)), encoding="utf-8")
    out = run_cli("screen", str(posts), "-o", str(tmp_path / "out.jsonl")).stdout
    assert re.search(r"1[.,]234", out), out
    assert "1234" not in out
