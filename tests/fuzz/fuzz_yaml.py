"""Fuzz target: both YAML parsers behind yamlsafe (libyaml and the pure-Python fallback)."""

from __future__ import annotations

import contextlib

from fuzz_common import fuzz_main, text_of

from verifyctl.errors import DataFileError
from verifyctl.yamlsafe import load_yaml, load_yaml_python


def fuzz_one(data: bytes) -> None:
    text = text_of(data)
    for load in (load_yaml, load_yaml_python):
        with contextlib.suppress(DataFileError):
            load(text, "fuzz.yaml")


if __name__ == "__main__":
    fuzz_main(fuzz_one, "yaml")
