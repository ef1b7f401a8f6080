"""The three validators' four formats, each on a file with at least one problem of every check
the validator runs offline; the SARIF output against the official SARIF 2.1.0 schema."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from cli_support import REPO, RunCli
from verifyctl.image.hashcheck import CATALOG as HASHES
from verifyctl.lint.model import Catalog
from verifyctl.sources.report import catalog as sources_catalog
from verifyctl.text.rulecheck import CATALOG as RULES

DATA = Path(__file__).with_name("data")
SCHEMA = json.loads((REPO / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning): .+ \((?P<check>[a-z0-9-]+)\)$")
GITHUB = re.compile(r"^::(?P<level>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<check>[a-z0-9-]+)::.+$")
ONLINE_ONLY = {"online-unreachable", "online-redirect"}  # need --online: tests/sources/test_sources_online.py

# (catalog, the files given, the files checked): together they cover every check
VALIDATORS: dict[str, tuple[Catalog, tuple[str, ...], tuple[str, ...]]] = {
    # the source list's entry file includes a second file (and a third that does not exist)
    "sources": (sources_catalog(), ("sources_every_check.yaml",), ("sources_every_check.yaml", "sources_part.yaml")),
    "rules": (RULES, ("rules_every_check.yaml", "rules_syntax.yaml"), ("rules_every_check.yaml", "rules_syntax.yaml")),
    "hashes": (HASHES, ("hashes_every_check.csv", "hashes_header.csv"), ("hashes_every_check.csv", "hashes_header.csv")),
}


def run(run_cli: RunCli, tmp_path: Path, tool: str, fmt: str) -> tuple[Any, list[str]]:
    _, files, checked = VALIDATORS[tool]
    for name in checked:
        shutil.copy(DATA / name, tmp_path / name)
    proc = run_cli("--lang", "en", tool, "validate", "--format", fmt, *files)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    log = proc.stderr.splitlines()
    assert log[:-1] == [line for line in log[:-1] if line.startswith("checked ")]
    assert [line.split()[1] for line in log[:-1]] == list(checked)
    assert re.fullmatch(rf"{len(checked)} files?, \d+ errors?, \d+ warnings?", log[-1])
    return proc, proc.stdout.splitlines()


def expected_checks(tool: str) -> set[str]:
    return set(VALIDATORS[tool][0].ids()) - ONLINE_ONLY


@pytest.mark.parametrize("tool", sorted(VALIDATORS))
def test_text_names_every_check(run_cli: RunCli, tmp_path: Path, tool: str) -> None:
    _, lines = run(run_cli, tmp_path, tool, "text")
    matches = [LINE.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    assert {m["check"] for m in matches if m} == expected_checks(tool)
    levels = {c.id: c.level for c in VALIDATORS[tool][0].checks}
    assert all(m["level"] == levels[m["check"]] for m in matches if m and m["check"] != "online-unreachable")


@pytest.mark.parametrize("tool", sorted(VALIDATORS))
def test_json_one_object_per_problem(run_cli: RunCli, tmp_path: Path, tool: str) -> None:
    _, lines = run(run_cli, tmp_path, tool, "json")
    records = [json.loads(line) for line in lines]
    assert all(set(r) == {"file", "line", "column", "level", "check", "message"} for r in records)
    assert {r["check"] for r in records} == expected_checks(tool)
    assert {r["file"] for r in records} == set(VALIDATORS[tool][2])
    assert all(r["line"] >= 1 and r["column"] >= 1 for r in records)


@pytest.mark.parametrize("tool", sorted(VALIDATORS))
def test_github_annotations(run_cli: RunCli, tmp_path: Path, tool: str) -> None:
    _, lines = run(run_cli, tmp_path, tool, "github")
    matches = [GITHUB.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    assert {m["check"] for m in matches if m} == expected_checks(tool)


@pytest.mark.parametrize("tool", sorted(VALIDATORS))
def test_sarif_passes_the_official_schema(run_cli: RunCli, tmp_path: Path, tool: str) -> None:
    proc, _ = run(run_cli, tmp_path, tool, "sarif")
    log = json.loads(proc.stdout)
    errors = sorted(Draft4Validator(SCHEMA).iter_errors(log), key=str)
    assert not errors, errors[0]
    [sarif_run] = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    catalog = VALIDATORS[tool][0]
    assert [r["id"] for r in rules] == list(catalog.ids())
    for rule, check in zip(rules, catalog.checks, strict=True):
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] == check.level
    results = sarif_run["results"]
    assert {r["ruleId"] for r in results} == expected_checks(tool)
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning")
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] in VALIDATORS[tool][2]
        assert physical["region"]["startLine"] >= 1


def test_sarif_schema_rejects_a_broken_log(run_cli: RunCli, tmp_path: Path) -> None:
    """The schema check can fail: a result without its message is refused."""
    proc, _ = run(run_cli, tmp_path, "hashes", "sarif")
    log = json.loads(proc.stdout)
    del log["runs"][0]["results"][0]["message"]
    assert list(Draft4Validator(SCHEMA).iter_errors(log))


def test_sarif_of_an_unreadable_file_is_a_failed_run(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("--lang", "en", "rules", "validate", "--format", "sarif", "missing.yaml")
    assert proc.returncode == 2
    log = json.loads(proc.stdout)
    assert not list(Draft4Validator(SCHEMA).iter_errors(log))
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "no such file" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_vietnamese_by_default(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(DATA / "hashes_header.csv", tmp_path)
    proc = run_cli("hashes", "validate", "hashes_header.csv")
    assert "dòng tiêu đề phải là" in proc.stdout
    assert proc.stderr.splitlines() == ["đã kiểm tra hashes_header.csv (0 mục, 0 mã băm)", "1 tệp, 1 lỗi, 0 cảnh báo"]


@pytest.mark.parametrize(("tool", "heading"), [("rules", "## The rule file's checks"), ("hashes", "## The hash list's checks")])
def test_every_check_documented(tool: str, heading: str) -> None:
    from docs_pages import page, section

    table = section(page("validate.md"), heading)
    for check in VALIDATORS[tool][0].checks:
        assert f"| `{check.id}` | {check.level} | {check.short.en} |" in table
    assert len(re.findall(r"^\| `", table, flags=re.MULTILINE)) == len(VALIDATORS[tool][0].checks)


def test_github_annotates_an_unreadable_file(run_cli: RunCli) -> None:
    proc = run_cli("--lang", "en", "hashes", "validate", "--format", "github", "missing.csv")
    assert proc.returncode == 2
    assert proc.stdout.startswith("::error file=missing.csv,title=unreadable::missing.csv: no such file")


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_online_problems_in_every_format(run_cli: RunCli, tmp_path: Path, fmt: str) -> None:
    """`--online` findings take the same four shapes. `.invalid` never resolves (RFC 6761), so
    `online-unreachable` is known without a network; `online-redirect` needs a server and is
    tested on the library (tests/sources/test_sources_online.py)."""
    sys.path.insert(0, str(REPO / "tests" / "sources"))
    from sources_cases import BASE

    (tmp_path / "online.yaml").write_text(BASE.replace("beta.vn", "verifyctl-test.invalid"), encoding="utf-8")
    proc = run_cli("--lang", "en", "sources", "validate", "--online", "--timeout", "1", "--format", fmt, "online.yaml")
    assert proc.returncode == 1, proc.stderr
    if fmt == "sarif":
        log = json.loads(proc.stdout)
        assert not list(Draft4Validator(SCHEMA).iter_errors(log))
        checks = [r["ruleId"] for r in log["runs"][0]["results"]]
    elif fmt == "json":
        checks = [json.loads(line)["check"] for line in proc.stdout.splitlines()]
    else:
        pattern = GITHUB if fmt == "github" else LINE
        checks = [m["check"] for m in map(pattern.match, proc.stdout.splitlines()) if m]
    assert checks == ["online-unreachable"], proc.stdout
