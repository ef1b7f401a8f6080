"""Hostile picture files, made by the test: bombs, truncations, impostors and odd modes."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image


def _photo(size: tuple[int, int] = (320, 240), seed: int = 7) -> Image.Image:
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0 : size[1], 0 : size[0]]
    base = np.stack([(x * 255 // size[0]), (y * 255 // size[1]), ((x + y) % 256)], axis=2)
    noise = rng.integers(0, 40, size=(size[1], size[0], 3))
    return Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8), "RGB")


def _save(img: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **params)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG that claims 10 gigapixels in a few hundred bytes (rows of zeros deflate to nothing)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 4, 9)  # a few rows; the rest is never reached
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


def gif_bomb() -> bytes:
    """A GIF whose logical screen is 65535x65535."""
    small = _save(Image.new("P", (4, 4)), "GIF")
    return small[:6] + struct.pack("<HH", 65535, 65535) + small[10:]


def small_gif_many_pixels() -> bytes:
    """A GIF of a few dozen bytes claiming 2308x23308 pixels: under Pillow's limit, but seconds
    and a gigabyte to decode (found by fuzz_image)."""
    small = _save(Image.new("P", (4, 4)), "GIF")
    return small[:6] + struct.pack("<HH", 2308, 23308) + small[10:]


def between_limits_bomb() -> bytes:
    """Between 1x and 2x Pillow's pixel limit, where Pillow itself only warns."""
    limit = Image.MAX_IMAGE_PIXELS or 89_478_485
    side = int((limit * 1.5) ** 0.5)
    return png_bomb(side, side)


def animated_gif() -> bytes:
    frames = [_photo(seed=s).convert("P") for s in range(3)]
    return _save(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)


def _mode(mode: str, fmt: str) -> Callable[[], bytes]:
    def make() -> bytes:
        img = _photo()
        if mode == "I;16":
            grey = np.asarray(img.convert("L"), dtype=np.uint16) * 257
            return _save(Image.frombytes("I;16", img.size, grey.astype("<u2").tobytes()), fmt)
        if mode == "PA":
            pal = img.convert("P")
            pal.info["transparency"] = 0
            return _save(pal, fmt, transparency=0)
        return _save(img.convert(mode), fmt)

    return make


def exif_rotated() -> bytes:
    img = _photo()
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90
    return _save(img, "JPEG", exif=exif.tobytes())


def bad_exif() -> bytes:
    img = _photo()
    exif = Image.Exif()
    exif[0x0112] = 9  # not an orientation
    return _save(img, "JPEG", exif=exif.tobytes())


# name -> (file name, bytes); every one must end as a verdict or one clear error line
HOSTILE_IMAGES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "png-bomb": ("bomb.png", png_bomb),
    "gif-bomb": ("bomb.gif", gif_bomb),
    "small-gif-many-pixels": ("tiny.gif", small_gif_many_pixels),
    "bomb-between-limits": ("warn.png", between_limits_bomb),
    "truncated-jpeg": ("cut.jpg", lambda: _save(_photo(), "JPEG")[:1500]),
    "truncated-png": ("cut.png", lambda: _save(_photo(), "PNG")[:2000]),
    "header-only-jpeg": ("head.jpg", lambda: b"\xff\xd8\xff\xe0"),
    "truncated-webp": ("cut.webp", lambda: _save(_photo(), "WEBP")[:300]),
    "text-named-jpg": ("notes.jpg", lambda: "Đây là văn bản, không phải ảnh.\n".encode()),
    "html-named-png": ("page.png", lambda: b"<html><script>alert(1)</script></html>"),
    "zero-bytes": ("empty.jpg", lambda: b""),
    "one-pixel": ("dot.png", lambda: _save(Image.new("RGB", (1, 1)), "PNG")),
    "jpeg-magic-then-garbage": ("magic.jpg", lambda: b"\xff\xd8\xff" + bytes(range(256)) * 40),
    "png-bad-crc": ("crc.png", lambda: _save(_photo(), "PNG")[:40] + b"\x00\x00\x00\x00" + _save(_photo(), "PNG")[44:]),
    "svg-named-gif": ("vector.gif", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
    "animated-gif": ("anim.gif", animated_gif),
    "cmyk-jpeg": ("cmyk.jpg", _mode("CMYK", "JPEG")),
    "16-bit-png": ("deep.png", _mode("I;16", "PNG")),
    "rgba-png": ("alpha.png", _mode("RGBA", "PNG")),
    "la-png": ("greyalpha.png", _mode("LA", "PNG")),
    "palette-transparency-png": ("pal.png", _mode("PA", "PNG")),
    "1-bit-tiff": ("mono.tif", _mode("1", "TIFF")),
    "float-tiff": ("float.tif", _mode("F", "TIFF")),
    "rgba-webp": ("alpha.webp", _mode("RGBA", "WEBP")),
    "bmp": ("plain.bmp", _mode("RGB", "BMP")),
    "exif-rotated": ("rot.jpg", exif_rotated),
    "exif-invalid-orientation": ("badexif.jpg", bad_exif),
}


def write_all(folder: Path) -> dict[str, Path]:
    paths = {}
    for name, (filename, make) in HOSTILE_IMAGES.items():
        path = folder / filename
        path.write_bytes(make())
        paths[name] = path
    return paths


def normal_jpeg() -> bytes:
    return _save(_photo((1024, 768)), "JPEG", quality=90)
