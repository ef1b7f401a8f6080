"""What the moderator reads: the HTML report runs nothing from a post, CSV cells start no
formula, and the terminal gets no escape sequences or bidi overrides from post content."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cli_support import RunCli
from verifyctl.screen.html import SCRIPT

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea></mark><svg onload=alert(2)>",
    "javascript:alert(3)",
    "<a href=\"javascript:alert(4)\">bấm vào đây</a>",
    "=HYPERLINK(\"http://evil.com\",\"xem\")",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\x1b[2J\x1b[31mĐÃ XÁC MINH\x1b[0m",
    "\x1b]0;pwned\x07\x1b]8;;http://evil.com\x07link\x1b]8;;\x07",
    "\u202env.nadnahn//:sptth\u202c",
    "\u2066isolate\u2069 \x9b31m C1 CSI",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def hostile_export(folder: Path, payloads: list[str] = PAYLOADS) -> Path:
    path = folder / "posts.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, payload in enumerate(payloads):
            # flagged text so the post is shown in the report, with the payload all around it
            text = f"{payload} chuyển khoản gấp cho mình 5 triệu {payload}"
            fh.write(json.dumps({"id": payload, "text": text, "url": f"https://nhandan-vn.com/{i}"}) + "\n")
        fh.write(json.dumps({"id": payloads[11], "text": 42}) + "\n")  # an error record whose id is an escape
    return path


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def test_the_html_report_shows_every_payload_and_runs_none(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    hostile_export(tmp_path / "plain", [f"bài {i}" for i in range(len(PAYLOADS))])
    run_cli("screen", "posts.jsonl", "-o", "report.html", "--jobs", "1", cwd=tmp_path / "plain")
    plain = Elements()
    plain.feed((tmp_path / "plain" / "report.html").read_text(encoding="utf-8"))
    hostile_export(tmp_path)
    proc = run_cli("screen", "posts.jsonl", "-o", "report.html", "--jobs", "1", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    page = Elements()
    page.feed((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert page.tags.count("script") == 1 and page.scripts == [SCRIPT]  # only the report's own
    assert set(page.tags) <= set(plain.tags)  # the posts added no kind of element of their own
    assert not [name for name, _ in page.attributes if name.startswith("on")]
    assert not [v for name, v in page.attributes if name in ("href", "src") and v and "javascript" in v]
    shown = "".join(page.text)
    for payload in PAYLOADS[:5]:
        assert payload in shown  # shown as text, exactly as posted


def test_csv_cells_never_start_a_formula(run_cli: RunCli, tmp_path: Path) -> None:
    hostile_export(tmp_path)
    proc = run_cli("screen", "posts.jsonl", "-o", "out.csv", "--jobs", "1", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == len(PAYLOADS) + 2
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    ids = [row[0] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://evil.com\",\"xem\")" in ids  # neutralised, not dropped


@pytest.mark.parametrize("fmt", ["human", "json"])
def test_the_terminal_gets_no_control_sequences(run_cli: RunCli, tmp_path: Path, fmt: str) -> None:
    targets = [*PAYLOADS, "http://evil.com/\u202egpj.exe", "nhandan.vn/\x1b[2J"]
    proc = run_cli("check", "--format", fmt, *targets)
    assert "Traceback" not in proc.stderr
    for stream in (proc.stdout, proc.stderr):
        assert not [c for c in stream if c in "\x1b\x07\x9b\u202e\u202c\u2066\u2069"]


def test_the_screen_summary_gets_no_control_sequences(run_cli: RunCli, tmp_path: Path) -> None:
    hostile_export(tmp_path)
    proc = run_cli("screen", "posts.jsonl", "-o", "out.jsonl", "--jobs", "1", cwd=tmp_path)
    summary = proc.stdout + proc.stderr
    assert "Traceback" not in summary and "posts.jsonl:16" in summary
    assert not [c for c in summary if c in "\x1b\x07\x9b\u202e\u202c\u2066\u2069"]
