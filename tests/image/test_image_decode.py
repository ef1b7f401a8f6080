"""Bad and unusual picture files: one clear error for the bad, the right picture for the odd."""

from __future__ import annotations

import io
from pathlib import Path

import image_helpers
import numpy as np
import pytest
from image_helpers import WriteList
from PIL import Image

from verifyctl.engine import Engine
from verifyctl.errors import VerifyctlError
from verifyctl.image.check import check_image
from verifyctl.image.decode import read_picture
from verifyctl.image.hashlist import load_hashlist
from verifyctl.verdict import Verdict

# fixtures (see image_helpers: why not a conftest.py)
photos = image_helpers.photos
write_list = image_helpers.write_list


def jpeg_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def bomb(path: Path, side: int) -> None:
    """A 1-bit PNG of side×side pixels: a few kilobytes on disk, huge once decoded."""
    Image.new("1", (side, side)).save(path, optimize=True)


BAD = {
    "zero-byte.jpg": (lambda p, img: p.write_bytes(b""), "0 byte"),
    "truncated.jpg": (lambda p, img: p.write_bytes(jpeg_bytes(img)[: len(jpeg_bytes(img)) // 2]), "truncated"),
    "notes.png": (lambda p, img: p.write_bytes("đây không phải ảnh\n".encode()), "not a JPEG"),
    "header-only.png": (lambda p, img: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16), "not a JPEG"),
    "bomb.png": (lambda p, img: bomb(p, 14000), "decompression bomb"),
    "bomb-1x.png": (lambda p, img: bomb(p, 10000), "decompression bomb"),
    "tiny.png": (lambda p, img: Image.new("RGB", (3, 3)).save(p), "too small"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_files_give_one_line(name: str, tmp_path: Path, photos: dict[str, Image.Image]) -> None:
    make, words = BAD[name]
    path = tmp_path / name
    make(path, photos["chelsea"])
    with pytest.raises(VerifyctlError) as info:
        read_picture(path)
    line = info.value.line("en")
    assert "\n" not in line and str(path) in line and words in line
    result = Engine(hashes_path=None).check(str(path), "image")
    assert result.verdict is Verdict.ERROR
    assert result.reasons[0].code == "invalid_input"


def save_as(img: Image.Image, path: Path, **kwargs: object) -> Path:
    img.save(path, **kwargs)
    return path


ODD = {
    "gif-first-frame": lambda img, p: save_as(
        img.convert("P"), p / "a.gif", save_all=True, append_images=[Image.new("P", img.size, 3)], duration=100, loop=0
    ),
    "cmyk-jpeg": lambda img, p: save_as(img.convert("CMYK"), p / "c.jpg", quality=92),
    "grey-16-bit-png": lambda img, p: save_as(
        Image.fromarray((np.asarray(img.convert("L"), dtype=np.uint16) * 257).astype(np.uint16)), p / "g16.png"
    ),
    "alpha-border-png": lambda img, p: save_as(transparent_border(img), p / "rgba.png"),
    "palette-png": lambda img, p: save_as(img.convert("P", palette=Image.Palette.ADAPTIVE), p / "p.png"),
    "webp": lambda img, p: save_as(img, p / "w.webp", quality=85),
    "exif-rotated-jpeg": lambda img, p: save_as(img.transpose(Image.Transpose.ROTATE_90), p / "r.jpg", exif=orientation(8), quality=92),
}


def transparent_border(img: Image.Image) -> Image.Image:
    """The picture on a larger canvas whose hidden pixels are noise behind zero alpha."""
    rng = np.random.default_rng(3)
    w, h = img.width + 60, img.height + 60
    canvas = np.dstack([rng.integers(0, 256, (h, w, 3), dtype=np.uint8), np.zeros((h, w), dtype=np.uint8)])
    canvas[30:-30, 30:-30, :3] = np.asarray(img)
    canvas[30:-30, 30:-30, 3] = 255
    return Image.fromarray(canvas, "RGBA")


def orientation(value: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = value
    return exif


@pytest.mark.parametrize("kind", list(ODD))
def test_odd_files_still_match(kind: str, tmp_path: Path, photos: dict[str, Image.Image], write_list: WriteList) -> None:
    hashes = load_hashlist(write_list({"cat": (photos["chelsea"], "fake")}))
    path = ODD[kind](photos["chelsea"], tmp_path)
    result = check_image(str(path), hashes)
    assert result.verdict is Verdict.DONT_SHARE, (kind, result.reasons)
    assert result.reasons[0].fields["entry"] == "cat"


def test_exif_orientation_is_applied(tmp_path: Path, photos: dict[str, Image.Image]) -> None:
    path = ODD["exif-rotated-jpeg"](photos["chelsea"], tmp_path)
    assert read_picture(path).rgb.shape[:2] == (photos["chelsea"].height, photos["chelsea"].width)


def test_gif_first_frame_is_used(tmp_path: Path, photos: dict[str, Image.Image]) -> None:
    path = ODD["gif-first-frame"](photos["chelsea"], tmp_path)
    assert read_picture(path).rgb.std() > 20  # the photo, not the flat second frame
