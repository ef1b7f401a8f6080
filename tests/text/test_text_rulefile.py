"""The rule file: schema errors with file:line:col, the lint, `rules validate|test|list`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import RunCli
from verifyctl.errors import DataFileError
from verifyctl.text.rules import lint_rules, load_rules

HEADER = """schema: 1
version: "t"
categories: {scam: {vi: "Lừa đảo", en: "Scam"}}
teencode: {ck: chuyển khoản}
retired: [old-rule]
rules:
"""
TESTS = """    tests:
      match: ["quả táo vàng", "QUẢ TÁO VÀNG", "q.u.ả t.á.o v.à.n.g"]
      no_match: ["quả táo", "táo vàng", "quả cam vàng"]
"""


def rule(rule_id: str = "fruit", extra: str = "", patterns: str = "    patterns: [quả táo vàng]\n", tests: str = TESTS) -> str:
    return (
        f"  - id: {rule_id}\n    rev: 1\n"
        '    title: {vi: "Thử", en: "Test"}\n'
        '    message: {vi: "Thông điệp", en: "Message"}\n'
        '    advice: {vi: "Lời khuyên", en: "Advice"}\n'
        "    category: scam\n    verdict: verify\n" + patterns + extra + tests
    )


def write(tmp_path: Path, body: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_minimal_file_loads_and_matches(tmp_path: Path) -> None:
    ruleset = load_rules(write(tmp_path, HEADER + rule()))
    assert [h.rule.id for h in ruleset.find("có quả táo vàng")] == ["fruit"]


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        (HEADER + rule() + rule(), 18, 'duplicate rule id "fruit"'),
        (HEADER + rule("old-rule"), 7, "retired"),
        (HEADER + rule("Bad_Id"), 7, "`id` must be"),
        (HEADER + rule(patterns="    patterns: [ab]\n"), 14, "too short"),
        (HEADER + rule(patterns="    patterns: [{regex: '(a)\\\\1'}]\n"), 14, "backreferences and lookaround"),
        (HEADER + rule(patterns="    patterns: [{regex: 'x(?=y)'}]\n"), 14, "backreferences and lookaround"),
        (HEADER + rule(patterns="    patterns: [{regex: 'a++'}]\n"), 14, "refused by RE2"),
        (HEADER + rule(patterns="    patterns: [{phrase: mật khẩu, diacritics: folded}]\n"), 14, "at least 3 words"),
        (HEADER + rule(patterns="    patterns: [{phrase: quả táo vàng, case: title}]\n"), 14, "`case` must be one of"),
        (HEADER + rule(patterns="    patterns: [{all: [quả táo, vàng]}]\n"), 14, "`within`"),
        (HEADER + rule(patterns="    patterns: [{all: [quả táo vàng], within: 3}]\n"), 14, "at least two elements"),
        (HEADER + rule(patterns="    patterns: [{phrase: quả táo vàng, colour: red}]\n"), 14, 'unknown pattern option "colour"'),
        (HEADER + rule(extra="    teencode: [xyz]\n"), 15, "not declared"),
        (HEADER + rule(extra="    severity: high\n"), 15, 'unknown rule key "severity"'),
        (HEADER + rule(extra="    with_link: verify\n"), 15, "`with_link` takes only dont_share"),
        (HEADER + rule(patterns="    patterns: [{phrase: quả táo vàng, diacritics: loose}]\n"), 14, "`diacritics` must be one of auto, strict, folded"),
        (HEADER.replace("schema: 1", "schema: 2") + rule(), 1, "`schema` must be 1"),
        (HEADER + rule().replace("verdict: verify", "verdict: share"), 13, "`verdict` must be"),
        (HEADER + rule().replace("category: scam", "category: spam"), 12, "`category` must be one of"),
        (HEADER + rule().replace('title: {vi: "Thử", en: "Test"}', 'title: {vi: "Thử"}'), 9, "`title` must have"),
        (HEADER + rule() + "  - id: [x\n", 18, "YAML syntax error"),  # where the "[" opens
    ],
)
def test_blocking_problems_refuse_the_file(tmp_path: Path, body: str, line: int, fragment: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(DataFileError) as info:
        load_rules(path)
    message = info.value.line("en")
    assert message.startswith(f"{path}:{line}:"), message
    assert fragment in message


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (HEADER + rule(tests=""), "rule has no `tests`"),
        (HEADER + rule(tests='    tests: {match: ["quả táo vàng"], no_match: ["a", "b", "c"]}\n'), "`tests.match` needs at least 3"),
        (HEADER + rule(patterns="    patterns: [quả táo vàng, Quả  táo vàng]\n"), 'duplicate phrase "Quả  táo vàng"'),
    ],
)
def test_lint_only_problems(tmp_path: Path, body: str, fragment: str) -> None:
    path = write(tmp_path, body)
    load_rules(path)  # still usable
    _, problems = lint_rules(path)
    assert any(fragment in p.message.en and not p.blocking for p in problems), problems


def test_json_rule_file_with_positions_on_error(tmp_path: Path) -> None:
    import yaml

    doc = yaml.safe_load(HEADER + rule())
    good = write(tmp_path, json.dumps(doc, ensure_ascii=False, indent=1), "rules.json")
    assert [h.rule.id for h in load_rules(good).find("quả táo vàng")] == ["fruit"]
    doc["rules"][0]["verdict"] = "maybe"
    bad = write(tmp_path, json.dumps(doc, ensure_ascii=False, indent=1), "bad.json")
    with pytest.raises(DataFileError) as info:
        load_rules(bad)
    text = bad.read_text(encoding="utf-8").splitlines()
    line = int(info.value.line("en").split(":")[1])
    assert '"verdict"' in text[line - 1]


def test_json_duplicate_key(tmp_path: Path) -> None:
    path = write(tmp_path, '{"schema": 1, "schema": 1}', "dup.json")
    with pytest.raises(DataFileError, match="duplicate key"):
        load_rules(path)


def test_validate_cli_lists_every_problem(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + rule() + rule() + rule("other", tests=""))
    proc = run_cli("--lang", "en", "rules", "validate", str(path))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert f"{path}:18:5:" in lines[0] and "duplicate rule id" in lines[0]
    assert any("other" not in line and "rule has no `tests`" in line for line in lines)
    assert "Traceback" not in proc.stderr


def test_validate_cli_shipped_file_is_clean(run_cli: RunCli) -> None:
    proc = run_cli("--lang", "en", "rules", "validate")
    assert proc.returncode == 0, proc.stdout
    assert "no problems" in proc.stdout


def test_validate_cli_broken_yaml_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "rules: [\n")
    proc = run_cli("--lang", "en", "rules", "validate", str(path))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"verifyctl: {path}:")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_rules_test_cli(run_cli: RunCli, tmp_path: Path) -> None:
    assert run_cli("rules", "test").returncode == 0
    failing = TESTS.replace('"quả cam vàng"', '"một quả táo vàng"')
    path = write(tmp_path, HEADER + rule(tests=failing))
    proc = run_cli("--lang", "en", "rules", "test", str(path))
    assert proc.returncode == 1
    assert f"{path}:7: fruit: should not match but does: 'một quả táo vàng'" in proc.stdout


def test_rules_list_json(run_cli: RunCli) -> None:
    proc = run_cli("--lang", "en", "rules", "list", "--format", "json")
    assert proc.returncode == 0
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    ids = [r["id"] for r in records]
    assert "classified-stamp" in ids and len(ids) == len(set(ids))
    assert all(r["verdict"] in ("verify", "dont_share") and r["examples"]["match"] >= 3 for r in records)


def test_rules_list_human(run_cli: RunCli) -> None:
    proc = run_cli("--lang", "vi", "rules", "list", "--format", "human")
    assert proc.returncode == 0
    assert "scam-otp-request" in proc.stdout and "Xin mã OTP" in proc.stdout
