"""The page in a real browser at a phone's size (360×740): a member types a link, then a post,
then picks a picture, taps Check, and sees the verdict card. Screenshots are kept as test
artifacts (build/test-artifacts/serve/, or $VERIFYCTL_TEST_ARTIFACTS/serve/)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cdp import CHROMIUM, Browser
from serve_support import Server, make_png, running

from cli_support import REPO

ARTIFACTS = Path(os.environ.get("VERIFYCTL_TEST_ARTIFACTS") or REPO / "build" / "test-artifacts") / "serve"
WIDTH = 360

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(tmp_path_factory.mktemp("serve-browser"), "--rate-limit", "0") as srv:
        yield srv


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    chromium = Browser(tmp_path / "profile")
    try:
        yield chromium
    finally:
        chromium.close()


def card(browser: Browser) -> dict[str, object]:
    found = browser.evaluate(
        "(() => { const c = document.querySelector('section.card'); if (!c) return null;"
        " const r = c.getBoundingClientRect();"
        " return {verdict: c.dataset.verdict, text: c.innerText, top: r.top + window.scrollY,"
        " width: r.width, cards: document.querySelectorAll('section.card').length}; })()"
    )
    assert found, "no verdict card on the page"
    return dict(found)


def fits_the_phone(browser: Browser) -> None:
    assert browser.evaluate("document.documentElement.scrollWidth") <= WIDTH  # no sideways scrolling
    assert browser.evaluate("parseFloat(getComputedStyle(document.querySelector('button')).height)") >= 44  # a thumb's size


def only_this_server(browser: Browser, server: Server) -> None:
    assert browser.requested and all(url.startswith(server.base + "/") for url in browser.requested), browser.requested


def test_a_link_then_a_post_through_the_form(server: Server, browser: Browser) -> None:
    browser.open(server.base + "/")
    assert browser.evaluate("document.documentElement.lang") == "vi"
    assert "Có nên chia sẻ không?" in browser.evaluate("document.body.innerText")
    fits_the_phone(browser)

    browser.type_into("#target", "baobinhphuoc.com.vn/tin-tuc/bai-cu")
    browser.submit_by_tapping("button[type=submit]")
    shown = card(browser)
    assert shown["verdict"] == "verify" and shown["cards"] == 1
    assert "Kiểm chứng trước khi chia sẻ" in str(shown["text"])
    assert "Đã sáp nhập vào" in str(shown["text"]) and "Báo và Phát thanh, Truyền hình Đồng Nai" in str(shown["text"])
    assert float(str(shown["top"])) < 740  # the answer is on the first screen, not below the form
    fits_the_phone(browser)
    browser.screenshot(ARTIFACTS / "link-vi.png")

    browser.evaluate("document.querySelector('#target').value = ''")
    browser.type_into("#target", "Bạn ơi chuyển khoản gấp cho mình 5 triệu, mình đang kẹt quá, mai trả liền")
    browser.submit_by_tapping("button[type=submit]")
    shown = card(browser)
    assert shown["verdict"] == "dont_share"
    assert "Không chia sẻ" in str(shown["text"]) and "Nên làm" in str(shown["text"])
    assert "Gọi điện trực tiếp" in str(shown["text"])  # the rule's advice
    fits_the_phone(browser)
    browser.screenshot(ARTIFACTS / "post-vi.png")
    only_this_server(browser, server)


def test_english_and_a_picture(server: Server, browser: Browser, tmp_path: Path) -> None:
    browser.open(server.base + "/?lang=en")
    assert browser.evaluate("document.documentElement.lang") == "en"
    browser.type_into("#target", "https://nhandar.vn/thoi-su")
    browser.submit_by_tapping("button[type=submit]")
    shown = card(browser)
    assert shown["verdict"] == "dont_share" and "Don't share" in str(shown["text"])
    assert "Imitates" in str(shown["text"]) and "Nhan Dan" in str(shown["text"])
    assert browser.evaluate("document.documentElement.lang") == "en"  # the form kept the language
    browser.screenshot(ARTIFACTS / "link-en.png")

    browser.evaluate("document.querySelector('#target').value = ''")
    browser.choose_file("#picture", make_png(tmp_path / "anh.png"))
    browser.submit_by_tapping("button[type=submit]")
    shown = card(browser)
    assert shown["verdict"] == "verify" and "Picture: anh.png" in str(shown["text"])
    fits_the_phone(browser)
    browser.screenshot(ARTIFACTS / "picture-en.png")
    only_this_server(browser, server)


def test_a_shared_link_to_the_answer_renders_without_script(server: Server, browser: Browser) -> None:
    """`/?target=` is answered by the server: the page has no script to run at all."""
    browser.open(server.base + "/?target=https%3A%2F%2Fvtv.vn%2Ftin-moi")
    shown = card(browser)
    assert shown["verdict"] == "share" and "Đài Truyền hình Việt Nam" in str(shown["text"])
    assert browser.evaluate("document.scripts.length") == 0
    browser.screenshot(ARTIFACTS / "share-vi.png")
