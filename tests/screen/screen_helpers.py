"""Shared by the screen tests: the stand-in engine's settings and the `screen` fixture, which
runs the library with it. (Not a conftest.py: the root tests import `conftest` by name.)"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from screen_fakes import FakeEngine

from verifyctl.screen.post import Settings
from verifyctl.screen.read import ReadOptions
from verifyctl.screen.run import RunOptions, run

FAKE = Settings(engine=FakeEngine, lang="en")

Screen = Callable[..., list[dict[str, Any]]]


@pytest.fixture(name="screen")
def screen_fixture(tmp_path: Path) -> Screen:
    """Screens `args` with the stand-in engine and returns the output records."""

    def go(*args: str | Path, jobs: int = 1, chunk: int = 3, **read: Any) -> list[dict[str, Any]]:
        out = tmp_path / "out.jsonl"
        options = RunOptions(output=str(out), jobs=jobs, chunk=chunk, read=ReadOptions(**read))
        run([str(a) for a in args], FAKE, options)
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    return go
