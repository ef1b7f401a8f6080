"""Each fuzz target runs once over its committed seed corpus (atheris itself is not needed):
proof that the targets work and that no seed (each a past or likely crash) crashes."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"
TARGETS = sorted(p.stem.removeprefix("fuzz_") for p in FUZZ.glob("fuzz_*.py") if p.stem != "fuzz_common")


def test_every_target_has_a_seed_corpus() -> None:
    assert {"url", "yaml", "datafiles", "image", "text", "exports"} <= set(TARGETS)
    for surface in TARGETS:
        assert len(list((FUZZ / "corpus" / surface).iterdir())) >= 5, surface


@pytest.mark.parametrize("surface", TARGETS)
def test_target_runs_over_its_seeds(surface: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(FUZZ))
    module = importlib.import_module(f"fuzz_{surface}")
    seeds = sorted((FUZZ / "corpus" / surface).iterdir())
    for seed in seeds:
        module.fuzz_one(seed.read_bytes())
    sys.modules.pop(f"fuzz_{surface}", None)
