"""Shared fixtures: the installed `verifyctl` command, run as a user would run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RESEARCH = REPO.parent / "shared" / "research"


def verifyctl_command() -> list[str]:
    """The console script installed beside this interpreter (falls back to `-m verifyctl`)."""
    script = Path(sys.executable).with_name("verifyctl")
    if script.exists():
        return [str(script)]
    found = shutil.which("verifyctl")
    return [found] if found else [sys.executable, "-m", "verifyctl"]


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """Run the installed CLI from an unrelated directory, Vietnamese locale unless `env` says."""

    def run(
        *args: str,
        input: str | bytes | None = None,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess[str]:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
        full_env.pop("VERIFYCTL_LANG", None)
        full_env.update(env or {})
        data = input.encode() if isinstance(input, str) else input
        proc = subprocess.run(
            [*verifyctl_command(), *args],
            input=data,
            capture_output=True,
            env=full_env,
            cwd=cwd or tmp_path,
            timeout=timeout,
            check=False,
        )
        return subprocess.CompletedProcess(
            proc.args,
            proc.returncode,
            proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"),
        )

    return run
