"""CSV and HTML outputs: formula cells neutralised, Excel's BOM, everything a post holds
escaped, and the report rendered by a real browser (headless Chromium)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from screen_helpers import FAKE

from verifyctl.screen.html import highlight
from verifyctl.screen.outputs import neutralise
from verifyctl.screen.run import RunOptions, run

HOSTILE = [
    {"id": "=HYPERLINK(\"http://evil.example\",\"bấm\")", "text": "+1 chia sẻ trước khi bị xóa"},
    {"id": "@SUM(A1)", "text": "-2 <script>document.documentElement.setAttribute('data-pwned','1')</script>"},
    {"id": "x3", "text": "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','2')\"> tin https://nhandan-vn.com/a"},
    {"id": "x4", "text": "Tin chính thức https://nhandan.vn/a"},
    {"id": "x5", "text": "\tTab đầu dòng"},
]


def _input(tmp_path: Path) -> Path:
    path = tmp_path / "posts.jsonl"
    lines = [json.dumps(p, ensure_ascii=False) for p in HOSTILE]
    path.write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("bình thường", "bình thường"),
        ("a=b", "a=b"),
    ],
)
def test_neutralise(cell: str, shown: str) -> None:
    assert neutralise(cell) == shown


def test_csv_output(tmp_path: Path) -> None:
    import csv

    out = tmp_path / "ket-qua.csv"
    run([str(_input(tmp_path))], FAKE, RunOptions(output=str(out), output_format="csv"))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    limit = csv.field_size_limit(1 << 24)  # process-wide, and other tests' readers change it
    try:
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    finally:
        csv.field_size_limit(limit)
    assert rows[0][:3] == ["id", "verdict", "file"]
    assert len(rows) == 1 + len(HOSTILE) + 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t")), cell
    assert rows[1][0] == "'=HYPERLINK(\"http://evil.example\",\"bấm\")"
    assert rows[1][4] == "'+1 chia sẻ trước khi bị xóa"
    assert rows[-1][1] == "error"
    assert not list(tmp_path.glob(".verifyctl-*"))  # the temporary file was renamed away


def test_highlight_escapes_around_spans() -> None:
    text = "<b>chia sẻ</b> & <script>"
    html = highlight(text, [(3, 10, "rule-a"), (5, 8, "rule-b"), (50, 60, "out-of-range")])
    assert html == '&lt;b&gt;<mark title="rule-a, rule-b">chia sẻ</mark>&lt;/b&gt; &amp; &lt;script&gt;'


def _report(tmp_path: Path) -> Path:
    out = tmp_path / "bao-cao.html"
    run([str(_input(tmp_path))], FAKE, RunOptions(output=str(out), output_format="html"))
    return out


def test_html_report_is_self_contained_and_escaped(tmp_path: Path) -> None:
    page = _report(tmp_path).read_text(encoding="utf-8")
    assert "<script>document" not in page
    assert "&lt;script&gt;document.documentElement" in page
    assert "<img src=x" not in page
    assert page.count("<script>") == 1
    assert not re.search(r"""src=["']?(https?:)?//""", page) and "<link" not in page  # no external asset
    # Links in posts are clickable, and the page they open learns nothing of the report.
    assert all('rel="noopener noreferrer"' in a for a in re.findall(r"<a [^>]*>", page))
    assert 'id="count-dont_share">2<' in page
    assert "<mark" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _dump_dom(page: Path, tmp_path: Path, fragment: str = "") -> str:
    assert CHROMIUM
    profile = tmp_path / "profile"
    proc = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            f"--user-data-dir={profile}", "--dump-dom", page.as_uri() + fragment,
        ],
        capture_output=True, text=True, timeout=90, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/run installs it)")
def test_report_in_headless_chromium(tmp_path: Path) -> None:
    page = _report(tmp_path)
    dom = _dump_dom(page, tmp_path)
    assert 'data-ready="1"' in dom  # the page's own script ran
    assert "data-pwned" not in dom.split("<body", 1)[0]  # the posts' scripts did not
    assert 'id="total">6<' in dom
    assert 'id="count-dont_share">2<' in dom and 'id="count-error">1<' in dom
    assert "&lt;script&gt;document.documentElement.setAttribute" in dom  # shown as text
    assert 'id="shown-count">5<' in dom  # every post but the one to share

    filtered = _dump_dom(page, tmp_path, "#verdict=dont_share")
    articles = re.findall(r"<article[^>]*>", filtered)
    visible = [a for a in articles if " hidden" not in a]
    assert len(articles) == 5 and len(visible) == 2
    assert all('data-verdict="dont_share"' in a for a in visible)
    assert 'id="shown-count">2<' in filtered


def test_html_shows_the_worst_first_up_to_the_limit(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    run([str(_input(tmp_path))], FAKE, RunOptions(output=str(out), output_format="html", html_limit=3))
    page = out.read_text(encoding="utf-8")
    shown = re.findall(r'<article class="post" data-verdict="([a-z_]+)"', page)
    assert shown == ["dont_share", "dont_share", "error"]
    assert 'id="more"' in page and "The other 2 flagged posts are not in this page" in page
