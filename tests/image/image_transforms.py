"""What resharing does to a picture, as functions PIL image -> PIL image.

Shared by the image tests and `benchmarks/bench_image.py`, so the benchmark measures the same
transformations the tests exercise.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageEnhance, ImageFont, ImageOps

Transform = Callable[[Image.Image, random.Random], Image.Image]

_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
WORDS = ["tin", "nóng", "khẩn", "cấp", "chính", "phủ", "thông", "báo", "người", "dân", "cần", "biết", "ngay", "hôm", "nay", "tỉnh", "thành", "phố", "giá", "xăng", "tăng", "mạnh", "sáng", "chiều", "tối", "cảnh", "báo", "lừa", "đảo", "chuyển", "khoản", "ngân", "hàng", "mới", "nhất", "công", "an", "xã", "phường", "huyện", "bộ", "y", "tế", "dịch", "bệnh", "bão", "lũ", "học", "sinh", "nghỉ", "học", "điện", "nước", "đường", "sắt", "sân", "bay"]


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu (Vietnamese glyphs) where installed, else Pillow's own scalable font."""
    if _FONT.is_file():
        return ImageFont.truetype(str(_FONT), size)
    return ImageFont.load_default(size)


def jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=quality)
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out


def reencode(img: Image.Image, rnd: random.Random) -> Image.Image:
    return jpeg(img, 80)


def resize_half(img: Image.Image, rnd: random.Random) -> Image.Image:
    return jpeg(img.resize((img.width // 2, img.height // 2), Image.Resampling.LANCZOS), 85)


def jpeg_q30(img: Image.Image, rnd: random.Random) -> Image.Image:
    return jpeg(img, 30)


def grayscale(img: Image.Image, rnd: random.Random) -> Image.Image:
    return jpeg(ImageOps.grayscale(img), 85)


def brightness(img: Image.Image, rnd: random.Random) -> Image.Image:
    return jpeg(ImageEnhance.Brightness(img).enhance(rnd.choice((0.75, 1.25))), 85)


def flip(img: Image.Image, rnd: random.Random) -> Image.Image:
    return jpeg(ImageOps.mirror(img), 85)


def caption(img: Image.Image, rnd: random.Random) -> Image.Image:
    """A meme-style band of text added above or below the picture."""
    band = max(40, img.height * 18 // 100)
    colour, ink = rnd.choice((("white", "black"), ("black", "white"), ((200, 0, 0), "white")))
    canvas = Image.new("RGB", (img.width, img.height + band), colour)
    top = rnd.random() < 0.5
    canvas.paste(img, (0, band if top else 0))
    draw = ImageDraw.Draw(canvas)
    text = " ".join(rnd.choice(WORDS) for _ in range(6)).upper()
    size = max(10, band // 3)
    y = (band - size) // 2 if top else img.height + (band - size) // 2
    draw.text((img.width // 20, y), text, fill=ink, font=font(size))
    return jpeg(canvas, 85)


def padding(img: Image.Image, rnd: random.Random) -> Image.Image:
    """12% of each side added as a plain border."""
    dx, dy = img.width * 12 // 100, img.height * 12 // 100
    colour = rnd.choice(("white", "black", (30, 30, 30)))
    return jpeg(ImageOps.expand(img, (dx, dy, dx, dy), fill=colour), 85)


def screenshot(img: Image.Image, rnd: random.Random) -> Image.Image:
    """The picture as a phone shows it in a feed: status bar, post header and text, the
    picture at full width, reaction bar; saved as PNG like a real screenshot."""
    width, height = 720, 1560
    dark = rnd.random() < 0.5
    bg, ink = ((0, 0, 0), (235, 235, 235)) if dark else ((255, 255, 255), (20, 20, 20))
    canvas = Image.new("RGB", (width, height), bg)
    draw = ImageDraw.Draw(canvas)
    draw.text((24, 12), f"{rnd.randint(6, 23)}:{rnd.randint(0, 59):02d}", fill=ink, font=font(26))
    draw.text((width - 130, 12), f"{rnd.randint(5, 99)}%", fill=ink, font=font(26))
    draw.ellipse((24, 70, 94, 140), fill=(90, 120, 200))
    draw.text((110, 78), "Nguyễn Văn " + rnd.choice(("An", "Bình", "Cường", "Dũng")), fill=ink, font=font(28))
    draw.text((110, 112), f"{rnd.randint(1, 23)} giờ · Công khai", fill=ink, font=font(20))
    y = 165
    for _ in range(2):
        draw.text((24, y), " ".join(rnd.choice(WORDS) for _ in range(7)), fill=ink, font=font(26))
        y += 38
    shown = img.resize((width, round(img.height * width / img.width)), Image.Resampling.LANCZOS)
    canvas.paste(shown, (0, y + 12))
    y += 12 + shown.height + 20
    draw.text((24, y), f"{rnd.randint(10, 9999)} lượt thích     {rnd.randint(1, 999)} bình luận", fill=ink, font=font(24))
    draw.text((24, y + 50), "Thích        Bình luận        Chia sẻ", fill=ink, font=font(26))
    buf = io.BytesIO()
    canvas.save(buf, "PNG")
    buf.seek(0)
    return Image.open(buf)


def crop5(img: Image.Image, rnd: random.Random) -> Image.Image:
    dx, dy = img.width * 5 // 100, img.height * 5 // 100
    return jpeg(img.crop((dx, dy, img.width - dx, img.height - dy)), 85)


def rotate5(img: Image.Image, rnd: random.Random) -> Image.Image:
    return jpeg(img.rotate(rnd.choice((5, -5)), resample=Image.Resampling.BICUBIC), 85)


# family -> (transform, recall target from issue 5)
FAMILIES: dict[str, tuple[Transform, float]] = {
    "reencode": (reencode, 0.95),
    "resize_50": (resize_half, 0.95),
    "jpeg_q30": (jpeg_q30, 0.95),
    "grayscale": (grayscale, 0.95),
    "brightness": (brightness, 0.95),
    "flip": (flip, 0.90),
    "caption": (caption, 0.90),
    "padding_12": (padding, 0.90),
    "screenshot": (screenshot, 0.90),
    "crop_5": (crop5, 0.80),
    "rotate_5": (rotate5, 0.80),
}


def text_screenshot(seed: int, width: int = 720, height: int = 1280) -> Image.Image:
    """One template (a news-app card), different words for each seed."""
    rnd = random.Random(seed)
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, width, 90), fill=(24, 119, 242))
    draw.text((24, 22), "Tin tức 24h", fill="white", font=font(40))
    y = 130
    for _ in range(3):
        draw.text((24, y), " ".join(rnd.choice(WORDS) for _ in range(4)).upper(), fill="black", font=font(38))
        y += 56
    y += 20
    for _ in range(14):
        draw.text((24, y), " ".join(rnd.choice(WORDS) for _ in range(7)), fill=(40, 40, 40), font=font(28))
        y += 44
    draw.rectangle((0, height - 100, width, height), fill=(240, 240, 240))
    draw.text((24, height - 70), "Thích   Bình luận   Chia sẻ", fill=(90, 90, 90), font=font(28))
    return img
