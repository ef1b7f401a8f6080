"""Fuzz target: the three data-file loaders (source list, rules, hash list) on one input;
the first byte picks which."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from fuzz_common import fuzz_main

from verifyctl.errors import VerifyctlError
from verifyctl.image.hashlist import load_hashlist
from verifyctl.sources.load import load_sources
from verifyctl.text.rules import load_rules

LOADERS = (load_sources, load_rules, load_hashlist)
_FOLDER = Path(tempfile.mkdtemp(prefix="verifyctl-fuzz-"))


def fuzz_one(data: bytes) -> None:
    if not data:
        return
    load = LOADERS[data[0] % len(LOADERS)]
    path = _FOLDER / "data.file"
    path.write_bytes(data[1:])
    with contextlib.suppress(VerifyctlError):
        load(path)


if __name__ == "__main__":
    fuzz_main(fuzz_one, "datafiles")
