"""Wheel build hook: compile data/official_sources.yaml to JSON inside the wheel.

`verifyctl check` then starts without importing or running a YAML parser (see
src/verifyctl/sources/compiled.py). A list that does not load fails the build.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileSourcesHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from verifyctl.sources.compiled import compile_file
        finally:
            sys.path.pop(0)
        self._out = tempfile.TemporaryDirectory()
        out = Path(self._out.name) / "official_sources.compiled.json"
        compile_file(root / "data" / "official_sources.yaml", out)
        build_data["force_include"][str(out)] = "verifyctl/data/official_sources.compiled.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if hasattr(self, "_out"):
            self._out.cleanup()
