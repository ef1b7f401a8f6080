"""Shared fixtures: the installed `verifyctl` command, run as a user would run it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

from cli_support import RunCli, verifyctl_command

# CI runs the same examples every time (a failure there is a bug, never a roll of the dice);
# local runs keep exploring. No deadline: the machines are shared and noisy.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


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
