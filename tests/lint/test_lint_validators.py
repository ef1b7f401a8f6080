"""Validators a maintainer can trust: the checkout's files by default, no echoes of a syntax
error, documented defaults for optional keys, and `sources show` by name with suggestions."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from cli_support import REPO, RunCli

sys.path.insert(0, str(REPO / "tests" / "sources"))
from sources_cases import broken

DATA_FILES = {"sources": "official_sources.yaml", "rules": "rules.yaml", "hashes": "image_hashes.csv"}
BROKEN = {"sources": "schema_version: 2\n", "rules": "schema: 1\nrules: [\n", "hashes": "signal_type\n"}


def checkout(root: Path) -> Path:
    """A clone-like folder: a .git directory and a data/ whose three files are all broken."""
    (root / ".git").mkdir(parents=True)
    (root / "data").mkdir()
    for tool, name in DATA_FILES.items():
        (root / "data" / name).write_text(BROKEN[tool], encoding="utf-8")
    (root / "docs").mkdir()
    return root


@pytest.mark.parametrize("tool", sorted(DATA_FILES))
def test_no_argument_in_a_checkout_checks_its_data(run_cli: RunCli, tmp_path: Path, tool: str) -> None:
    root = checkout(tmp_path / "clone")
    proc = run_cli("--lang", "en", tool, "validate", cwd=root)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.startswith(f"data/{DATA_FILES[tool]}:")
    assert proc.stderr.splitlines()[0].startswith(f"checked data/{DATA_FILES[tool]}")
    # from a folder inside the checkout too: the repository root's data/
    deeper = run_cli("--lang", "en", tool, "validate", cwd=root / "docs")
    assert deeper.returncode == 1
    assert deeper.stdout.startswith(f"../data/{DATA_FILES[tool]}:")


def test_outside_a_checkout_the_installed_list(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("--lang", "en", "sources", "validate")
    assert proc.returncode == 0, proc.stdout
    assert proc.stderr.splitlines()[0].endswith("official_sources.yaml")
    # the shipped list and the files it includes, each named, then the count
    checked = proc.stderr.splitlines()[:-1]
    assert all(line.startswith("checked ") for line in checked)
    assert proc.stderr.splitlines()[-1] == f"{len(checked)} files, 0 errors, 0 warnings"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("sources:\n  - id: alpha", "sources:\n  - id: alpha :x: ["),  # was: "sources" must be a list
        ("      - host: alpha.vn", "      - host: alpha.vn :x: ["),  # was: "domains" must be a list
        ("  - id: beta", "  - id: beta  :x: ["),  # was: successor "beta" does not exist, imitates "beta"
        ("schema_version: 1", "schema_version: 1 :x: ["),  # was: missing schema_version
        ("    verified_on: 2026-11-01\nimpersonators:", '    verified_on: 2026-11-01"\n  impersonators:'),
    ],
)
def test_a_syntax_error_has_no_echoes(run_cli: RunCli, tmp_path: Path, old: str, new: str) -> None:
    (tmp_path / "list.yaml").write_text(broken(old, new), encoding="utf-8")
    proc = run_cli("--lang", "en", "sources", "validate", "--max-age", "100000", "list.yaml")
    assert proc.returncode == 1
    assert [line.rsplit(" ", 1)[-1] for line in proc.stdout.splitlines()] == ["(syntax)"], proc.stdout


def test_subdomains_defaults_to_false(run_cli: RunCli, tmp_path: Path) -> None:
    text = broken("      - host: beta.vn\n        subdomains: true\n", "      - host: beta.vn\n")
    (tmp_path / "list.yaml").write_text(text, encoding="utf-8")
    proc = run_cli("--lang", "en", "sources", "validate", "--max-age", "100000", "list.yaml")
    assert proc.returncode == 0, proc.stdout
    shown = run_cli("sources", "show", "--sources", "list.yaml", "--format", "json", "beta")
    assert '"subdomains": false' in shown.stdout
    sub = run_cli("sources", "show", "--sources", "list.yaml", "--format", "json", "tin.beta.vn")
    assert sub.returncode == 1  # the host alone is official, not what lies under it


@pytest.mark.parametrize(
    ("query", "source_id"),
    [
        ("vnews", "ttxvn-vnews"),  # an alias, in another case
        ("Nhân Dân", "nhan-dan"),  # a name
        ("nhan dan", "nhan-dan"),  # without diacritics
        ("Vietnam News Agency Television (VNews)", "ttxvn-vnews"),  # the English name
        ("https://nhandan.vn/chinh-tri", "nhan-dan"),  # a URL
    ],
)
def test_show_by_name_or_alias(run_cli: RunCli, query: str, source_id: str) -> None:
    proc = run_cli("sources", "show", "--format", "json", query)
    assert proc.returncode == 0, proc.stderr
    assert f'"id": "{source_id}"' in proc.stdout


def test_show_suggests_the_closest_ids(run_cli: RunCli) -> None:
    proc = run_cli("--lang", "en", "sources", "show", "nhandann")
    assert proc.returncode == 1
    line = proc.stderr.strip()
    assert line.startswith("verifyctl: nhandann: not on the source list; closest: nhan-dan")
    far = run_cli("--lang", "en", "sources", "show", "zzzzqqqq")
    assert far.stderr.strip() == "verifyctl: zzzzqqqq: not on the source list"


def test_checkout_list_copied_elsewhere_is_found(run_cli: RunCli, tmp_path: Path) -> None:
    """`data/` beside the current directory without a .git (an unpacked sdist) counts too."""
    (tmp_path / "data").mkdir()
    shutil.copy(REPO / "data" / "image_hashes.csv", tmp_path / "data" / "image_hashes.csv")
    proc = run_cli("--lang", "en", "hashes", "validate")
    assert proc.returncode == 0
    assert proc.stderr.startswith("checked data/image_hashes.csv")


def test_a_real_reference_error_is_kept_beside_a_syntax_error(run_cli: RunCli, tmp_path: Path) -> None:
    """Only a reference to an id whose `id:` line was blanked is dropped, not one to a name that
    merely appears on the broken line."""
    text = broken("      successor: beta", "      successor: gamma").replace(
        "    why: a real, unrelated site", '    why: "not gamma either'
    )
    (tmp_path / "list.yaml").write_text(text, encoding="utf-8")
    proc = run_cli("--lang", "en", "sources", "validate", "--max-age", "100000", "list.yaml")
    checks = [line.rsplit(" ", 1)[-1] for line in proc.stdout.splitlines()]
    assert checks == ["(missing-successor)", "(syntax)"], proc.stdout


def test_a_hash_list_problem_points_at_its_field(run_cli: RunCli, tmp_path: Path) -> None:
    """A comma inside a quoted note is text: the column after it is still found."""
    row = 'sha256,' + "ab" * 32 + ',,e1,fake,"Ảnh ghép, đã bác bỏ.",ftp://example.org/a,,2026-01-01\n'
    (tmp_path / "h.csv").write_text((REPO / "data" / "image_hashes.csv").read_text(encoding="utf-8") + row, encoding="utf-8")
    proc = run_cli("--lang", "en", "hashes", "validate", "h.csv")
    [line] = proc.stdout.splitlines()
    column = row.index("ftp://") + 1
    assert line.startswith(f"h.csv:2:{column}: error: source_url must be") and line.endswith("(source-url)")
