"""Fixtures for the image tests (helpers live in image_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from image_helpers import PHOTO_NAMES, WriteList, list_text, photo
from PIL import Image


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
