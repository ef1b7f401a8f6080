"""Shared test support: where things are, and the installed `verifyctl` command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESEARCH = REPO.parent / "shared" / "research"


def copy_list(folder: Path, entry: Path | None = None) -> Path:
    """A copy of a source list (the shipped one by default) in `folder`: its entry file and
    every file it includes, at the same relative paths. Returns the copy's entry file."""
    import yaml

    entry = entry or REPO / "data" / "official_sources.yaml"
    copy = folder / entry.name
    shutil.copy(entry, copy)
    for name in yaml.safe_load(entry.read_text(encoding="utf-8")).get("include") or ():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(entry.parent / name, folder / name)
    return copy


def verifyctl_command() -> list[str]:
    """The console script installed beside this interpreter (falls back to `-m verifyctl`)."""
    script = Path(sys.executable).with_name("verifyctl")
    if script.exists():
        return [str(script)]
    found = shutil.which("verifyctl")
    return [found] if found else [sys.executable, "-m", "verifyctl"]


RunCli = Callable[..., subprocess.CompletedProcess[str]]
