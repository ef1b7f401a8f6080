"""The wheel carries the source list and the installed package finds it from any directory,
and the pre-commit hook and GitHub Action this repository offers do fail on a broken list."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
import yaml
from sources_cases import broken
from test_sources_load import EXPECTED

from cli_support import REPO, verifyctl_command

BROKEN = broken("      - host: beta.vn", "      - host: facebook.com")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("verifyctl-*.whl")
    return built


def test_wheel_contains_the_source_list(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "verifyctl/data/official_sources.yaml" in names
        assert "verifyctl/data/official_sources.compiled.json" in names
        shipped = archive.read("verifyctl/data/official_sources.yaml")
        compiled = json.loads(archive.read("verifyctl/data/official_sources.compiled.json"))
    assert shipped == (REPO / "data" / "official_sources.yaml").read_bytes()
    assert compiled["yaml_digest"] == f"{len(shipped)}:{zlib.crc32(shipped):08x}"


def test_installed_wheel_finds_its_data_elsewhere(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "VERIFYCTL_DATA_DIR"}
    env["PYTHONPATH"] = str(site)
    probe = (
        "import importlib.resources as r, verifyctl, verifyctl.datafiles as d;"
        "print(verifyctl.__file__);"
        "print(d.data_path('official_sources.yaml'));"
        "print(r.files('verifyctl').joinpath('data/official_sources.yaml').is_file());"
        "import sys; from verifyctl.sources.load import shipped_sources;"
        "print(len(shipped_sources().sources), 'yaml' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=elsewhere, env=env, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0].startswith(str(site))
    assert out[1] == str(site / "verifyctl" / "data" / "official_sources.yaml")
    assert out[2] == "True"
    count, yaml_imported = out[3].split()
    assert int(count) >= len(EXPECTED)
    assert yaml_imported == "False", "the installed wheel should load the compiled list"
    listed = subprocess.run(
        [sys.executable, "-m", "verifyctl", "sources", "list", "--format", "json"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )
    assert set(EXPECTED) <= {r["id"] for r in json.loads(listed.stdout)}


def _hook() -> dict[str, object]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "verifyctl-sources"]
    assert isinstance(hook, dict)
    return hook


def _entry() -> list[str]:
    words = shlex.split(str(_hook()["entry"]))
    assert words[0] == "verifyctl"
    return [*verifyctl_command(), *words[1:]]


def test_pre_commit_hook_fails_on_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "official_sources.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    proc = subprocess.run([*_entry(), str(bad)], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1
    assert "(host-platform)" in proc.stdout


def test_pre_commit_hook_passes_the_shipped_list() -> None:
    shipped = REPO / "data" / "official_sources.yaml"
    assert re.search(str(_hook()["files"]), "data/official_sources.yaml")
    proc = subprocess.run([*_entry(), str(shipped)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_action_step_fails_on_a_broken_file(tmp_path: Path) -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    step = next(s for s in action["runs"]["steps"] if s.get("name") == "Validate")
    (tmp_path / "bad.yaml").write_text(BROKEN, encoding="utf-8")
    env = dict(os.environ)
    env["PATH"] = f"{Path(verifyctl_command()[0]).parent}{os.pathsep}{env['PATH']}"
    env.update({"FILES": "bad.yaml", "MAX_AGE": "365", "STRICT": "false"})
    proc = subprocess.run(["bash", "-c", step["run"]], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "::error file=bad.yaml,line=39," in proc.stdout
    env["FILES"] = ""
    clean = subprocess.run(["bash", "-c", step["run"]], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout
