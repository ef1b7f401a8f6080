"""`verifyctl sources validate|list|show` as a user runs them: the installed command, from an
unrelated directory."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from sources_cases import BASE, broken
from test_sources_load import EXPECTED

from cli_support import REPO, RunCli

# The "done when": five problems, one line each, with the right line numbers.
DONE_WHEN = (
    broken("      - host: alpha-old.com.vn", "      - host: https://alpha-old.com.vn/")
    .replace("      successor: beta", "      successor: gamma")
    .replace("    name: Báo Beta", '    name: "Báo Beta')
    .replace(
        "      - host: beta.vn\n        subdomains: true\n",
        "      - host: alpha.vn\n        subdomains: true\n      - {host: facebook.com, subdomains: false}\n",
    )
)
DONE_WHEN_LINES = [
    (11, "host-url"),
    (28, "missing-successor"),
    (33, "syntax"),
    (39, "duplicate-host"),
    (41, "host-platform"),
]
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning): .+ \((?P<check>[a-z-]+)\)$")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_list_is_valid_from_any_directory(run_cli: RunCli) -> None:
    proc = run_cli("sources", "validate")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""


def test_shipped_list_given_by_path(run_cli: RunCli) -> None:
    proc = run_cli("sources", "validate", str(REPO / "data" / "official_sources.yaml"))
    assert proc.returncode == 0, proc.stdout


def test_done_when_broken_file(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "broken.yaml", DONE_WHEN)
    proc = run_cli("--lang", "en", "sources", "validate", "broken.yaml")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == len(DONE_WHEN_LINES), proc.stdout
    found = []
    for line in lines:
        match = LINE.match(line)
        assert match, line
        assert match["file"] == "broken.yaml"
        found.append((int(match["line"]), match["check"]))
    assert found == DONE_WHEN_LINES
    assert "Traceback" not in proc.stderr
    assert path.is_file()


def test_vietnamese_messages(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path, "broken.yaml", DONE_WHEN)
    proc = run_cli("sources", "validate", "broken.yaml")
    assert proc.returncode == 1
    assert "là cả một nền tảng" in proc.stdout
    assert "lỗi cú pháp YAML" in proc.stdout


def test_json_format(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path, "broken.yaml", DONE_WHEN)
    proc = run_cli("sources", "validate", "--format", "json", "broken.yaml")
    assert proc.returncode == 1
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["line"], r["check"]) for r in records] == DONE_WHEN_LINES
    assert set(records[0]) == {"file", "line", "column", "level", "check", "message"}


def test_github_format(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path, "broken.yaml", DONE_WHEN)
    proc = run_cli("--lang", "en", "sources", "validate", "--format", "github", "broken.yaml")
    assert proc.returncode == 1
    first = proc.stdout.splitlines()[0]
    assert first.startswith("::error file=broken.yaml,line=11,col=")
    assert ",title=host-url::" in first


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        ("missing", "no such file"),
        ("directory", "is a directory"),
        ("latin1", "invalid UTF-8"),
    ],
)
def test_unreadable_input_exits_2(run_cli: RunCli, tmp_path: Path, setup: str, words: str) -> None:
    target = tmp_path / "list.yaml"
    if setup == "directory":
        target.mkdir()
    elif setup == "latin1":
        target.write_bytes("name: Báo\n".encode("latin-1"))
    write(tmp_path, "good.yaml", BASE)
    proc = run_cli("--lang", "en", "sources", "validate", "good.yaml", "list.yaml")
    assert proc.returncode == 2
    assert words in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_warnings_fail_only_with_strict(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path, "old.yaml", broken("    verified_on: 2026-11-01\n  - id: beta", "    verified_on: 2020-01-01\n  - id: beta"))
    relaxed = run_cli("sources", "validate", "old.yaml")
    assert relaxed.returncode == 0
    assert "warning" in relaxed.stdout and "(stale)" in relaxed.stdout
    assert run_cli("sources", "validate", "--strict", "old.yaml").returncode == 1
    assert run_cli("sources", "validate", "--max-age", "100000", "old.yaml").stdout == ""


def test_list_json_has_every_source(run_cli: RunCli) -> None:
    proc = run_cli("sources", "list", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    ids = {r["id"] for r in records}
    assert set(EXPECTED) <= ids
    by_id = {r["id"]: r for r in records}
    assert by_id["bptv"]["status"] == {
        "state": "merged",
        "since": "2019-10-28",
        "until": "2025-07-01",
        "successor": "dong-nai-media",
        "note": by_id["bptv"]["status"]["note"],
        "evidence": by_id["bptv"]["status"]["evidence"],
    }
    assert by_id["dong-nai-media"]["predecessors"] == ["bptv", "dong-nai-radio-tv"]


@pytest.mark.parametrize("tier", ["core", "press", "government", "organization"])
def test_list_csv_by_tier(run_cli: RunCli, tier: str) -> None:
    proc = run_cli("sources", "list", "--format", "csv", "--tier", tier)
    assert proc.returncode == 0
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows and {r["tier"] for r in rows} == {tier}
    assert {k for k, (_, t) in EXPECTED.items() if t == tier} <= {r["id"] for r in rows}


def test_list_table_on_another_file(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path, "mine.yaml", BASE)
    proc = run_cli("--lang", "en", "sources", "list", "--format", "human", "--sources", "mine.yaml")
    assert proc.returncode == 0
    assert "alpha" in proc.stdout and "beta" in proc.stdout and "merged" in proc.stdout


def test_list_refuses_a_broken_file(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", broken("    tier: press", "    tier: tabloid"))
    proc = run_cli("--lang", "en", "sources", "list", "--sources", "bad.yaml")
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("verifyctl: bad.yaml:35:")


@pytest.mark.parametrize(
    ("query", "source_id"),
    [
        ("bptv", "bptv"),
        ("bptv.vn", "bptv"),
        ("https://www.bptv.vn/tin-tuc/x.html", "bptv"),
        ("live.baobinhphuoc.com.vn", "bptv"),
        ("NHANDAN.VN", "nhan-dan"),
        ("congbao.binhphuoc.gov.vn", "binh-phuoc-gov"),
        ("sotuphap.example.gov.vn", "gov-vn"),
    ],
)
def test_show_by_id_domain_or_url(run_cli: RunCli, query: str, source_id: str) -> None:
    proc = run_cli("sources", "show", "--format", "json", query)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == source_id


def test_show_human_has_evidence_and_history(run_cli: RunCli) -> None:
    proc = run_cli("--lang", "en", "sources", "show", "--format", "human", "dong-nai-media")
    assert proc.returncode == 0
    assert "2025-07-01: took over bptv" in proc.stdout
    assert "https://baodongnai.com.vn/" in proc.stdout
    merged = run_cli("sources", "show", "--format", "human", "bptv")
    assert "2025-07-01: đã sáp nhập → dong-nai-media" in merged.stdout


def test_show_impersonator_and_unknown(run_cli: RunCli) -> None:
    fake = run_cli("--lang", "en", "sources", "show", "--format", "human", "vnexpressnews.net")
    assert fake.returncode == 1
    assert "NOT OFFICIAL" in fake.stdout
    missing = run_cli("sources", "show", "nothing.example")
    assert missing.returncode == 1
    assert "không có trong danh sách" in missing.stderr


HELP = {
    ("", "vi"): "Danh sách nguồn chính thống",
    ("", "en"): "The official-source list",
    ("validate", "vi"): "Kiểm tra FILE",
    ("validate", "en"): "Check FILE",
    ("list", "vi"): "Liệt kê các nguồn",
    ("list", "en"): "List the sources",
    ("show", "vi"): "Xem một nguồn",
    ("show", "en"): "Show one source",
}


@pytest.mark.parametrize(("sub", "lang"), list(HELP))
def test_help_in_both_languages(run_cli: RunCli, sub: str, lang: str) -> None:
    proc = run_cli("sources", *([sub] if sub else []), "--help", "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    assert HELP[sub, lang] in proc.stdout
    other = HELP[sub, "en" if lang == "vi" else "vi"]
    assert other not in proc.stdout
    if sub in ("validate", "list", "show"):
        assert ("Ví dụ" if lang == "vi" else "Example") in proc.stdout


def test_online_flag_reports_through_the_cli(run_cli: RunCli, tmp_path: Path) -> None:
    """`.invalid` never resolves (RFC 6761), so the answer is known without a network."""
    text = BASE.replace("alpha.vn", "alpha.invalid").replace("beta.vn", "verifyctl-test.invalid")
    write(tmp_path, "online.yaml", text)
    proc = run_cli("--lang", "en", "sources", "validate", "--online", "--timeout", "1", "online.yaml")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines == [line for line in lines if "(online-unreachable)" in line]
    assert any(line.startswith("online.yaml:39:1: error: verifyctl-test.invalid: ") for line in lines)
    assert not any("alpha" in line for line in lines)  # alpha merged: not asked
