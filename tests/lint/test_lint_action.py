"""The composite GitHub Action's Validate step, run by bash as the runner would, with SARIF."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft4Validator

from cli_support import REPO, verifyctl_command

DATA = Path(__file__).with_name("data")
SCHEMA = json.loads((REPO / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def run_step(tmp_path: Path, upload: str) -> subprocess.CompletedProcess[str]:
    step = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Validate")
    (tmp_path / "bad.yaml").write_text((DATA / "sources_every_check.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    env = dict(os.environ)
    env["PATH"] = f"{Path(verifyctl_command()[0]).parent}{os.pathsep}{env['PATH']}"
    env.update({"FILES": "bad.yaml", "MAX_AGE": "365", "STRICT": "false", "UPLOAD_SARIF": upload, "RUNNER_TEMP": str(tmp_path)})
    return subprocess.run(["bash", "-c", step["run"]], env=env, cwd=tmp_path, capture_output=True, text=True)


def test_upload_sarif_writes_a_valid_log_and_keeps_the_failure(tmp_path: Path) -> None:
    proc = run_step(tmp_path, "true")
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=bad.yaml,")
    log = json.loads((tmp_path / "verifyctl-sources.sarif").read_text(encoding="utf-8"))
    assert not list(Draft4Validator(SCHEMA).iter_errors(log))
    assert log["runs"][0]["results"]


def test_without_the_input_no_sarif(tmp_path: Path) -> None:
    assert run_step(tmp_path, "false").returncode == 1
    assert not (tmp_path / "verifyctl-sources.sarif").exists()


def test_the_upload_step_reads_what_validate_wrote() -> None:
    assert ACTION["inputs"]["upload-sarif"]["default"] == "false"
    upload = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Upload SARIF")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "always()" in upload["if"] and "inputs.upload-sarif == 'true'" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ runner.temp }}/verifyctl-sources.sarif"


HOOKS = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


@pytest.mark.parametrize(
    ("hook", "shipped", "broken"),
    [
        ("verifyctl-sources", "data/official_sources.yaml", "sources_every_check.yaml"),
        ("verifyctl-rules", "data/rules.yaml", "rules_every_check.yaml"),
        ("verifyctl-hashes", "data/image_hashes.csv", "hashes_every_check.csv"),
    ],
)
def test_pre_commit_hooks(tmp_path: Path, hook: str, shipped: str, broken: str) -> None:
    """Each hook picks its own files and fails on a broken one, as pre-commit runs it."""
    entry = [*verifyctl_command(), *HOOKS[hook]["entry"].split()[1:]]
    pattern = re.compile(HOOKS[hook]["files"])
    assert pattern.search(shipped)
    assert not any(pattern.search(other) for other in ("data/official_sources.yaml", "data/rules.yaml", "data/image_hashes.csv") if other != shipped)
    assert subprocess.run([*entry, str(REPO / shipped)], capture_output=True, text=True).returncode == 0
    for name in {broken, "sources_part.yaml"}:
        shutil.copy(DATA / name, tmp_path / name)
    failed = subprocess.run([*entry, broken], capture_output=True, text=True, cwd=tmp_path)
    assert failed.returncode == 1 and f"{broken}:" in failed.stdout
