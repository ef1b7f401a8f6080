"""Shared test support: where things are, and the installed `verifyctl` command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

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
