"""Each transformation family that resharing applies, on real photos, through check_image."""

from __future__ import annotations

import math
import random
from pathlib import Path

import image_helpers
import pytest
from image_helpers import WriteList, list_text, photo, png_bytes
from image_transforms import FAMILIES, jpeg, text_screenshot
from PIL import Image

from verifyctl.image.check import check_image
from verifyctl.image.hashlist import load_hashlist
from verifyctl.verdict import Verdict

# fixtures (see image_helpers: why not a conftest.py)
photos = image_helpers.photos
write_list = image_helpers.write_list


def named(result_fields: list[dict[str, object]], entry: str) -> bool:
    for fields in result_fields:
        if fields.get("entry") == entry:
            return True
        others = fields.get("entries")
        if isinstance(others, list) and any(e.get("entry") == entry for e in others):
            return True
    return False


@pytest.fixture(scope="module")
def fake_list(tmp_path_factory: pytest.TempPathFactory, photos: dict[str, Image.Image]) -> Path:
    path = tmp_path_factory.mktemp("list") / "hashes.csv"
    path.write_text(list_text({name: (img, "fake") for name, img in photos.items()}), encoding="utf-8")
    return path


@pytest.mark.parametrize("family", list(FAMILIES))
def test_transformed_copies_match(family: str, photos: dict[str, Image.Image], fake_list: Path, tmp_path: Path) -> None:
    transform, target = FAMILIES[family]
    hashes = load_hashlist(fake_list)
    hits = []
    for name, img in photos.items():
        query = transform(img, random.Random(f"{family}-{name}"))
        path = tmp_path / f"{name}.{'png' if query.format == 'PNG' else 'jpg'}"
        query.save(path)
        result = check_image(str(path), hashes)
        if named([dict(r.fields) for r in result.reasons], name):
            hits.append(name)
    assert len(hits) >= math.ceil(target * len(photos)), (family, hits)


def test_untouched_copy_is_an_exact_sha256_match(photos: dict[str, Image.Image], fake_list: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.png"
    path.write_bytes(png_bytes(photos["coffee"]))
    result = check_image(str(path), load_hashlist(fake_list))
    assert result.verdict is Verdict.DONT_SHARE
    assert result.reasons[0].fields["signal"] == "sha256"
    assert result.reasons[0].fields["distance"] == 0


def test_unrelated_photos_do_not_match(write_list: WriteList, tmp_path: Path) -> None:
    path = write_list({"astronaut": (photo("astronaut"), "fake")})
    hashes = load_hashlist(path)
    for name in ("chelsea", "coffee", "rocket", "camera", "grass", "brick"):
        query = tmp_path / f"{name}.jpg"
        jpeg(photo(name), 85).save(query)
        assert check_image(str(query), hashes).reasons[0].code == "image_unknown", name


def test_text_screenshots_of_one_template_do_not_match(write_list: WriteList, tmp_path: Path) -> None:
    shots = {f"shot-{i}": (text_screenshot(i), "fake") for i in range(6)}
    hashes = load_hashlist(write_list(shots))
    for seed in range(100, 106):
        query = tmp_path / f"q{seed}.png"
        text_screenshot(seed).save(query)
        assert check_image(str(query), hashes).reasons[0].code == "image_unknown", seed

