"""Helpers for the image tests: real photos bundled with scikit-image (offline), the PDQ
conformance images copied from ThreatExchange, and hash lists built by the real code."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from verifyctl.image.decode import decode_picture
from verifyctl.image.hashlist import Entry, format_rows, header_line
from verifyctl.image.signals import stored_signals

DATA = Path(__file__).resolve().parent / "data"
PHOTO_NAMES = ("astronaut", "chelsea", "coffee", "rocket", "camera")


def photo(name: str) -> Image.Image:
    from skimage import data

    return Image.fromarray(getattr(data, name)()).convert("RGB")


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def list_text(pictures: dict[str, tuple[Image.Image, str]], note: str = "Ảnh đã bị bác bỏ.") -> str:
    """A hash-list CSV for {entry id: (picture, label)}, hashed by the real code."""
    parts = [header_line()]
    for entry_id, (img, label) in pictures.items():
        signals = stored_signals(decode_picture(png_bytes(img), entry_id))
        entry = Entry(entry_id, label, note, f"https://example.org/{entry_id}", dt.date(2024, 5, 1), dt.date(2026, 1, 2), 0)
        parts.append(format_rows(((s.signal_type, s.value, s.quality) for s in signals), entry))
    return "".join(parts)


WriteList = Callable[..., Path]


def flat_picture(value: int = 128, size: tuple[int, int] = (200, 150)) -> Image.Image:
    """A picture with no detail: PDQ quality 0."""
    return Image.fromarray(np.full((size[1], size[0], 3), value, dtype=np.uint8))


# Fixtures live here, not in a conftest.py: other test folders import `conftest` by name and
# a second conftest module would shadow theirs. Test modules import the ones they use.
@pytest.fixture(scope="session")
def photos() -> dict[str, Image.Image]:
    return {name: photo(name) for name in PHOTO_NAMES}


@pytest.fixture
def write_list(tmp_path: Path) -> WriteList:
    def write(pictures: dict[str, tuple[Image.Image, str]], name: str = "hashes.csv") -> Path:
        path = tmp_path / name
        path.write_text(list_text(pictures), encoding="utf-8")
        return path

    return write
