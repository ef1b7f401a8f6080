"""The page over HTTP, without a browser: language, server-side answers, escaping, no
outside resources (the browser test looks at the same page on a phone)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_support import Server, make_png, running


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(tmp_path_factory.mktemp("serve-page"), "--rate-limit", "0") as srv:
        yield srv


@pytest.mark.parametrize(
    ("query", "accept", "lang", "title"),
    [
        ("", None, "vi", "Có nên chia sẻ không?"),
        ("", "fr-FR,fr;q=0.9", "vi", "Có nên chia sẻ không?"),
        ("", "en-US,en;q=0.9,vi;q=0.5", "en", "Share or not?"),
        ("", "vi-VN,vi;q=0.9,en;q=0.8", "vi", "Có nên chia sẻ không?"),
        ("?lang=en", "vi", "en", "Share or not?"),
        ("?lang=vi", "en", "vi", "Có nên chia sẻ không?"),
    ],
)
def test_language(server: Server, query: str, accept: str | None, lang: str, title: str) -> None:
    headers = {"Accept-Language": accept} if accept else {}
    with server.client() as http:
        page = http.get("/" + query, headers=headers)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}">' in page.text and f"<h1>{title}</h1>" in page.text
    assert 'class="card' not in page.text  # nothing asked, nothing answered


def test_get_with_a_target_answers_on_the_server(server: Server) -> None:
    with server.client() as http:
        page = http.get("/", params={"target": "baobinhphuoc.com.vn/tin/1"})
    text = page.text
    assert 'data-verdict="verify"' in text and "Kiểm chứng trước khi chia sẻ" in text
    assert "Đài Phát thanh - Truyền hình và Báo Bình Phước" in text
    assert "Đã sáp nhập vào</dt><dd>Báo và Phát thanh, Truyền hình Đồng Nai (baodongnai.com.vn)" in text
    assert ">baobinhphuoc.com.vn/tin/1</textarea>" in text  # the box keeps what was checked


def test_the_form_posts_without_script(server: Server) -> None:
    with server.client() as http:
        urlencoded = http.post("/", data={"target": "https://vtv.vn/tin", "lang": "en"})
        multipart = http.post("/", data={"target": "nhandan-news.com/x"}, files={"picture": ("", b"", "application/octet-stream")})
    assert 'data-verdict="share"' in urlencoded.text and "<html lang=\"en\">" in urlencoded.text
    assert "Vietnam Television" in urlencoded.text  # the outlet's English name
    assert 'data-verdict="dont_share"' in multipart.text  # an empty file part: no picture chosen


def test_a_post_and_a_picture_get_a_card_each(server: Server, tmp_path: Path) -> None:
    picture = make_png(tmp_path / "hinh.png").read_bytes()
    with server.client() as http:
        page = http.post("/", data={"target": "Chia sẻ ngay trước khi bị xóa!"}, files={"picture": ("hinh.png", picture, "image/png")})
    cards = re.findall(r'<section class="card verdict-(\w+)"', page.text)
    assert len(cards) == 2 and "Ảnh: <bdi>hinh.png</bdi>" in page.text


def test_nothing_to_check_and_a_bad_upload_are_shown_on_the_page(server: Server) -> None:
    with server.client() as http:
        empty = http.post("/", data={"target": "  "})
        not_image = http.post("/", files={"picture": ("a.txt", b"hello", "text/plain")})
        too_big = http.post("/", files={"picture": ("a.png", b"\x89PNG\r\n\x1a\n" + bytes(11 << 20), "image/png")})
    assert empty.status_code == 400 and 'role="alert"' in empty.text and "Chưa có gì để kiểm tra" in empty.text
    assert not_image.status_code == 415 and "không phải ảnh" in not_image.text
    assert too_big.status_code == 413 and 'role="alert"' in too_big.text


def test_what_was_submitted_is_escaped(server: Server) -> None:
    attack = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    with server.client() as http:
        page = http.get("/", params={"target": attack})
    assert "<script>" not in page.text and "<img" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_the_page_loads_nothing_from_elsewhere(server: Server) -> None:
    with server.client() as http:
        page = http.get("/", params={"target": "https://nhandan.vn/a"})
    assert not re.search(r"""(src|href|action)=["']?(https?:)?//""", page.text)
    assert "<script" not in page.text and "<link" not in page.text
    style = re.search(r"<style>(.*?)</style>", page.text, re.S)
    assert style and "url(" not in style.group(1) and "@import" not in style.group(1)
    assert 'name="viewport" content="width=device-width,initial-scale=1"' in page.text
