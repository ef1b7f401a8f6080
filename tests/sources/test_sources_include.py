"""A list split into files: the entry file names the others under `include`, and they load,
compile and validate as one list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sources_cases import BASE, TODAY

from cli_support import RunCli
from verifyctl.errors import DataFileError
from verifyctl.sources.compiled import compile_file, compiled_path
from verifyctl.sources.load import load_sources
from verifyctl.sources.validate import validate_text

PART = """\
schema_version: 1
sources:
  - id: gamma
    name: Báo Gamma
    name_en: Gamma newspaper
    tier: press
    scope: provincial
    domains:
      - host: gamma.vn
        subdomains: true
    status: {state: merged, until: 2025-07-01, successor: beta}
    evidence: [https://gamma.vn/gioi-thieu]
    confidence: seen
    verified_on: 2026-11-01
not_lookalikes:
  - host: gama.vn
    why: a real shop one letter away
"""


def write_list(folder: Path, part: str = PART, include: str = "parts/gamma.yaml") -> Path:
    entry = folder / "list.yaml"
    entry.write_text(BASE.replace("schema_version: 1\n", f"schema_version: 1\ninclude: [{include}]\n", 1), encoding="utf-8")
    (folder / "parts").mkdir(exist_ok=True)
    (folder / "parts" / "gamma.yaml").write_text(part, encoding="utf-8")
    return entry


def test_included_sources_load_as_one_list(tmp_path: Path) -> None:
    data = load_sources(write_list(tmp_path))
    assert [s.id for s in data.sources] == ["alpha", "beta", "gamma"]
    gamma = data.by_id("gamma")
    assert gamma is not None and gamma.file == "parts/gamma.yaml" and gamma.line == 3
    assert data.by_id("alpha").file == ""  # type: ignore[union-attr]
    assert "gama.vn" in data.not_lookalikes


@pytest.mark.parametrize(
    ("include", "where"),
    [("parts/missing.yaml", "list.yaml:2:11"), ("../gamma.yaml", "list.yaml:2:11"), ("/etc/gamma.yaml", "list.yaml:2:11")],
)
def test_a_bad_include_is_refused_at_its_line(tmp_path: Path, include: str, where: str) -> None:
    with pytest.raises(DataFileError) as info:
        load_sources(write_list(tmp_path, include=include))
    assert str(info.value).startswith(str(tmp_path / where))


def test_an_included_file_cannot_include(tmp_path: Path) -> None:
    entry = write_list(tmp_path, part=PART.replace("sources:\n", "include: [x.yaml]\nsources:\n", 1))
    with pytest.raises(DataFileError, match=r'gamma.yaml:2:1: unknown key "include"'):
        load_sources(entry)


def test_compilation_covers_the_included_files(tmp_path: Path) -> None:
    entry = write_list(tmp_path)
    compile_file(entry, compiled_path(entry))
    assert json.loads(compiled_path(entry).read_text(encoding="utf-8"))["includes"][0][0] == "parts/gamma.yaml"
    part = tmp_path / "parts" / "gamma.yaml"
    part.write_text(PART.replace("Báo Gamma", "Báo Gamma (sửa)"), encoding="utf-8")
    assert load_sources(entry).by_id("gamma").name == "Báo Gamma (sửa)"  # type: ignore[union-attr]
    part.unlink()
    with pytest.raises(DataFileError, match="cannot read the included file"):
        load_sources(entry)


def test_compiled_list_equals_the_yaml(tmp_path: Path) -> None:
    entry = write_list(tmp_path)
    from_yaml = load_sources(entry)
    compile_file(entry, compiled_path(entry))
    text = compiled_path(entry).read_text(encoding="utf-8")
    compiled_path(entry).write_text(text.replace('"Báo Gamma"', '"from the JSON"'), encoding="utf-8")
    assert load_sources(entry).by_id("gamma").name == "from the JSON"  # type: ignore[union-attr]
    compiled_path(entry).write_text(text, encoding="utf-8")
    assert load_sources(entry) == from_yaml


def problems(entry: Path) -> list[tuple[str, int, str]]:
    found = validate_text(entry.read_text(encoding="utf-8"), str(entry), today=TODAY)
    return [(Path(p.where(str(entry))).name, p.line, p.check) for p in found]


def test_references_resolve_across_files(tmp_path: Path) -> None:
    assert problems(write_list(tmp_path)) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "check", "said"),
    [
        ("  - id: gamma", "  - id: alpha", 3, "duplicate-id", "list.yaml, line 4"),
        ("      - host: gamma.vn", "      - host: beta.vn", 9, "duplicate-host", "list.yaml, line 40"),
        ("successor: beta}", "successor: delta}", 11, "missing-successor", "delta"),
        ("    tier: press", "    tier: tabloid", 6, "schema", "tier"),
    ],
)
def test_problems_of_an_included_file_name_that_file(
    tmp_path: Path, old: str, new: str, line: int, check: str, said: str
) -> None:
    assert old in PART
    entry = write_list(tmp_path, part=PART.replace(old, new))
    found = validate_text(entry.read_text(encoding="utf-8"), str(entry), today=TODAY)
    assert [(Path(p.where(str(entry))).name, p.line, p.check) for p in found] == [("gamma.yaml", line, check)]
    assert said in found[0].message.en


def test_a_syntax_error_in_one_file_leaves_the_others_checked(tmp_path: Path) -> None:
    entry = write_list(tmp_path, part=PART.replace("    name: Báo Gamma\n", '    name: "Báo Gamma\n'))
    entry.write_text(entry.read_text(encoding="utf-8").replace("    tier: press", "    tier: tabloid"), encoding="utf-8")
    assert {(name, check) for name, _, check in problems(entry)} == {("list.yaml", "schema"), ("gamma.yaml", "syntax")}


def test_cli_names_the_included_file_and_checks_with_the_whole_list(tmp_path: Path, run_cli: RunCli) -> None:
    entry = write_list(tmp_path, part=PART.replace("      - host: gamma.vn", "      - host: https://gamma.vn/"))
    proc = run_cli("sources", "validate", "--lang", "en", str(entry))
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{tmp_path / 'parts' / 'gamma.yaml'}:9:9: error:"), proc.stdout
    good = write_list(tmp_path)
    proc = run_cli("check", "--format", "json", "--sources", str(good), "https://tin.gamma.vn/bai-viet")
    result = json.loads(proc.stdout)
    assert [r["code"] for r in result["reasons"]] == ["former_source"]
    assert result["reasons"][0]["successor"] == "beta"
