"""`--blocklist FILE` on `check` and `screen`, `# comments` in `--from`, and shorteners matched
as whole hosts, through the installed command. The blocklist files are written here in the
shapes people download (a hosts file, an AdGuard/uBlock list, a plain host list); their
entries are made up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

RunCli = Any

HOSTS_FILE = """# Title: a made-up hosts file
# Format: hosts
127.0.0.1 localhost
::1 localhost ip6-localhost
0.0.0.0 0.0.0.0

0.0.0.0 qua-tang-tri-an.example-one.top
0.0.0.0 nhan-qua.example-two.xyz   # inline comment
127.0.0.1 doi-diem.example-three.shop extra.example-three.shop
"""
ADGUARD = """[Adblock Plus 2.0]
! Title: a made-up AdGuard list
! Homepage: nowhere
||tai-app.example-four.top^
||khuyen-mai.example-five.click^$important
@@||ok.example-five.click^
"""
PLAIN = """# one host per line
tra-cuu-phat.example-six.site
*.hoan-tien.example-seven.online
"""


def _files(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in (("hosts", HOSTS_FILE), ("adguard.txt", ADGUARD), ("plain.txt", PLAIN)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths += ["--blocklist", str(path)]
    return paths


@pytest.mark.parametrize(
    ("host", "listed_in", "line"),
    [
        ("qua-tang-tri-an.example-one.top", "hosts", 7),
        ("nhan-qua.example-two.xyz", "hosts", 8),
        ("extra.example-three.shop", "hosts", 9),
        ("tai-app.example-four.top", "adguard.txt", 4),
        ("m.tai-app.example-four.top", "adguard.txt", 4),
        ("khuyen-mai.example-five.click", "adguard.txt", 5),
        ("tra-cuu-phat.example-six.site", "plain.txt", 2),
        ("a.b.hoan-tien.example-seven.online", "plain.txt", 3),
    ],
)
def test_blocklisted(run_cli: RunCli, tmp_path: Path, host: str, listed_in: str, line: int) -> None:
    proc = run_cli("check", "--format", "json", "--lang", "en", *_files(tmp_path), f"https://{host}/x")
    record = json.loads(proc.stdout)
    reason = record["reasons"][0]
    assert proc.returncode == 1
    assert (record["verdict"], reason["code"], reason["line"]) == ("dont_share", "blocklisted", line)
    assert Path(reason["list"]).name == listed_in and listed_in in reason["message"]


@pytest.mark.parametrize(
    "host",
    ["sub.nhan-qua.example-two.xyz", "ok.example-five.click", "example-one.top", "localhost.example"],
)
def test_not_blocklisted(run_cli: RunCli, tmp_path: Path, host: str) -> None:
    """A hosts-file line blocks that host only; an `@@` exception unblocks."""
    proc = run_cli("check", "--format", "json", *_files(tmp_path), f"https://{host}/")
    assert json.loads(proc.stdout)["reasons"][0]["code"] != "blocklisted"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("0.0.0.0 good.example\nexample.com##.banner\n", 2),
        ("# header\n\n||bad host^\n", 3),
        ("0.0.0.0\n", 1),
        ("a.example b.example\n", 1),
        ("0.0.0.0 under_score-.ex..ample\n", 1),
    ],
)
def test_bad_lines_name_file_and_line(run_cli: RunCli, tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("check", "--lang", "en", "--blocklist", str(path), "https://example.org/")
    assert proc.returncode == 2 and proc.stdout == ""
    assert f"{path}:{line}:" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_screen_takes_blocklists(run_cli: RunCli, tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        json.dumps({"id": "a", "text": "Nhận quà tại https://nhan-qua.example-two.xyz/abc"}) + "\n"
        + json.dumps({"id": "b", "text": "Tin https://nhandan.vn/x"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    proc = run_cli("screen", "--lang", "en", *_files(tmp_path), "-o", str(out), str(posts))
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert proc.returncode in (0, 1), proc.stderr
    assert records["a"]["verdict"] == "dont_share"
    assert any(r["code"] == "blocklisted" for r in records["a"]["reasons"])
    assert records["b"]["verdict"] != "dont_share"


def test_screen_stops_on_a_bad_blocklist(run_cli: RunCli, tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text(json.dumps({"id": "a", "text": "x"}) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("||fine.example^\n/ads/*\n", encoding="utf-8")
    proc = run_cli("screen", "--lang", "en", "--blocklist", str(bad), "-o", str(tmp_path / "o.jsonl"), str(posts))
    assert proc.returncode == 2 and f"{bad}:2:" in proc.stderr


def test_from_skips_comments_and_blank_lines(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "links.txt"
    path.write_text("# links to check\n\nhttps://nhandan.vn/a\n   \n#https://old.example/\nhttps://vtv.vn/b\n", encoding="utf-8")
    proc = run_cli("check", "--format", "json", "--from", str(path))
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 0, proc.stderr
    assert [r["target"] for r in records] == ["https://nhandan.vn/a", "https://vtv.vn/b"]


@pytest.mark.parametrize(
    ("host", "code"),
    [
        ("gov.tw", "shortened_link"),
        ("www.gov.tw", "shortened_link"),
        ("www.president.gov.tw", "unknown_source"),
        ("bit.ly", "shortened_link"),
        ("x.bit.ly", "unknown_source"),
        ("myshop.app.link", "shortened_link"),
        ("example.page.link", "shortened_link"),
    ],
)
def test_shorteners_are_whole_hosts(run_cli: RunCli, host: str, code: str) -> None:
    proc = run_cli("check", "--format", "json", f"https://{host}/abc")
    assert json.loads(proc.stdout)["reasons"][0]["code"] == code


def test_a_json_file_is_not_an_empty_blocklist(run_cli: RunCli, tmp_path: Path) -> None:
    """Only a filter list's `[Adblock …]` header is skipped; other bracketed lines are errors."""
    wrong = tmp_path / "posts.json"
    wrong.write_text('[{"text": "x"}]\n', encoding="utf-8")
    proc = run_cli("check", "--lang", "en", "--blocklist", str(wrong), "https://example.com/")
    assert proc.returncode == 2
    assert f"{wrong}:1:" in proc.stderr
