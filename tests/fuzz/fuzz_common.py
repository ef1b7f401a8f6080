"""What every fuzz target shares: the expected failure is a VerifyctlError, anything else is a
bug; and the atheris entry point, imported only when a target is run as a program."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"

Target = Callable[[bytes], None]


def fuzz_main(target: Target, surface: str) -> None:
    """`python tests/fuzz/fuzz_<surface>.py [atheris/libFuzzer options] [corpus dirs]`."""
    import atheris  # the `fuzz` extra: pip install -e ".[fuzz]"

    args = sys.argv if len(sys.argv) > 1 else [sys.argv[0], str(CORPUS / surface)]
    atheris.instrument_all()  # coverage feedback from verifyctl and the libraries it calls
    atheris.Setup(args, target)
    atheris.Fuzz()


def text_of(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape").encode("utf-8", "replace").decode("utf-8")
