"""Fuzz target: picture decoding and hashing (Pillow behind one error type)."""

from __future__ import annotations

from fuzz_common import fuzz_main

from verifyctl.errors import VerifyctlError
from verifyctl.image.decode import decode_picture
from verifyctl.image.signals import query_hashes


def fuzz_one(data: bytes) -> None:
    try:
        picture = decode_picture(data, "fuzz.img")
    except VerifyctlError:
        return
    query_hashes(picture)


if __name__ == "__main__":
    fuzz_main(fuzz_one, "image")
