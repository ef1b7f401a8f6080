"""Reading a picture: the bytes (for SHA-256) and an RGB array, with every way a file can be
bad turned into one readable error."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.safeio import read_file

FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF")
MAX_FILE_BYTES = 64 << 20  # no shared picture is this big; refuse before reading it all
_ORIENTATION = 0x0112
# A few bytes can claim millions of pixels (a GIF whose data runs out is filled in, at a cost
# of seconds and a gigabyte). Past what a camera picture holds, more pixels per byte of file
# than real compression reaches is a bomb too, however far below Pillow's limit.
BOMB_MIN_PIXELS = 16_000_000
MAX_PIXELS_PER_BYTE = 1024
# Decoding, flattening and hashing hold up to ~26 bytes a pixel at once (RGBA flattened on white):
# this many pixels (6,900 × 4,600) stays inside 1 GiB. Pillow's own limit (89 million)
# lets a 236 KB 9000×9000 PNG through to 1.5 GB.
MAX_PIXELS = 32_000_000


@dataclass(frozen=True, slots=True)
class Picture:
    rgb: npt.NDArray[np.uint8]  # (H, W, 3), EXIF orientation applied, alpha flattened on white
    sha256: str
    format: str


def read_picture(path: Path) -> Picture:
    raw = _read_bytes(path)
    return decode_picture(raw, str(path))


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_file says what is wrong with it
    if size > MAX_FILE_BYTES:
        raise VerifyctlError(
            Msg(f"tệp ảnh quá lớn ({size} byte)", f"image file too large ({size} bytes)"), str(path)
        )
    # Capped again while reading: the size above is only what the name pointed to a moment ago.
    return read_file(path, MAX_FILE_BYTES)


def decode_picture(raw: bytes, where: str) -> Picture:
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not raw:
        raise VerifyctlError(Msg("tệp ảnh rỗng (0 byte)", "empty image file (0 bytes)"), where)
    digest = hashlib.sha256(raw).hexdigest()
    limit = Image.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1× and 2× its pixel limit; a picture that big is a
            # decompression bomb to us too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=FORMATS) as img:
                fmt = img.format or "?"
                pixels = img.size[0] * img.size[1]
                if pixels > BOMB_MIN_PIXELS and pixels > MAX_PIXELS_PER_BYTE * len(raw):
                    raise VerifyctlError(
                        Msg(
                            f"{pixels} điểm ảnh từ {len(raw)} byte: có thể là bom giải nén",
                            f"{pixels} pixels from {len(raw)} bytes: possible decompression bomb",
                        ),
                        where,
                    )
                if pixels > MAX_PIXELS:
                    raise VerifyctlError(
                        Msg(
                            f"ảnh quá nhiều điểm ảnh ({pixels}, tối đa {MAX_PIXELS})",
                            f"image has too many pixels ({pixels}, at most {MAX_PIXELS})",
                        ),
                        where,
                    )
                img.seek(0)  # an animated GIF/WebP: its first frame
                img.load()
                upright: Image.Image = img
                if img.getexif().get(_ORIENTATION, 1) != 1:
                    upright = ImageOps.exif_transpose(img)
                rgb = _to_rgb(upright)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise VerifyctlError(
            Msg(
                f"ảnh quá nhiều điểm ảnh (trên {limit} điểm): có thể là bom giải nén",
                f"image has too many pixels (over {limit}): possible decompression bomb",
            ),
            where,
        ) from None
    except UnidentifiedImageError:
        raise VerifyctlError(
            Msg(
                "không phải ảnh JPEG, PNG, WebP, GIF, BMP hay TIFF",
                "not a JPEG, PNG, WebP, GIF, BMP or TIFF image",
            ),
            where,
        ) from None
    except MemoryError:
        raise VerifyctlError(Msg("ảnh quá lớn để giải mã", "image too large to decode"), where) from None
    except VerifyctlError:
        raise
    except Exception as exc:  # Pillow signals a corrupt file with many exception types
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise VerifyctlError(
            Msg(f"ảnh hỏng hoặc bị cắt cụt ({detail})", f"corrupt or truncated image ({detail})"), where
        ) from None
    if rgb.shape[0] < 5 or rgb.shape[1] < 5:
        raise VerifyctlError(
            Msg(
                f"ảnh quá nhỏ để băm ({rgb.shape[1]}×{rgb.shape[0]})",
                f"image too small to hash ({rgb.shape[1]}×{rgb.shape[0]})",
            ),
            where,
        )
    return Picture(rgb, digest, fmt)


def _to_rgb(img: object) -> npt.NDArray[np.uint8]:
    from PIL import Image

    assert isinstance(img, Image.Image)
    if img.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        # 16-bit and float greys: scale to 8 bits rather than let convert() clip them to white
        grey = np.asarray(img, dtype=np.float64)
        top = 65535.0 if img.mode.startswith("I;16") or grey.max(initial=0) > 255 else 255.0
        if img.mode == "F":
            top = max(1.0, float(grey.max(initial=1.0)))
        grey8 = np.clip(grey * (255.0 / top), 0, 255).astype(np.uint8)
        return np.repeat(grey8[:, :, None], 3, axis=2)
    if img.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (img.mode == "P" and "transparency" in img.info):
        # Transparent pixels carry arbitrary colour; platforms show them on white.
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(background, rgba)
    return np.asarray(img if img.mode == "RGB" else img.convert("RGB"), dtype=np.uint8)
