"""Fixtures for the screen tests: a run through the library with the stand-in engine."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakes import FakeEngine

from verifyctl.screen.post import Settings
from verifyctl.screen.read import ReadOptions
from verifyctl.screen.run import RunOptions, run

FAKE = Settings(engine=FakeEngine, lang="en")

Screen = Callable[..., list[dict[str, Any]]]


@pytest.fixture
def screen(tmp_path: Path) -> Screen:
    """Screens `args` with the stand-in engine and returns the output records."""

    def go(*args: str | Path, jobs: int = 1, chunk: int = 3, **read: Any) -> list[dict[str, Any]]:
        out = tmp_path / "out.jsonl"
        options = RunOptions(output=str(out), jobs=jobs, chunk=chunk, read=ReadOptions(**read))
        run([str(a) for a in args], FAKE, options)
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    return go
