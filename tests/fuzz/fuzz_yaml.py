"""Fuzz target: both YAML front ends (yamlsafe for rules, libyaml-backed for the source list)."""

from __future__ import annotations

import contextlib

from fuzz_common import fuzz_main, text_of

from verifyctl.errors import DataFileError
from verifyctl.sources import yamlfast
from verifyctl.yamlsafe import load_yaml


def fuzz_one(data: bytes) -> None:
    text = text_of(data)
    for load in (load_yaml, yamlfast.parse):
        with contextlib.suppress(DataFileError):
            load(text, "fuzz.yaml")


if __name__ == "__main__":
    fuzz_main(fuzz_one, "yaml")
