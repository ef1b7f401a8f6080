"""Regenerate the seed corpus under tests/fuzz/corpus/ (committed; run after changing seeds).

    python tests/fuzz/make_corpus.py
"""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "robust"))

from PIL import Image  # noqa: E402
from robust_exports import EXPORTS  # noqa: E402
from robust_images import gif_bomb, png_bomb  # noqa: E402

URLS = [
    "https://nhandan.vn/chinh-tri/x", "http://evil.com\\@nhandan.vn/", "nhandan.vn.evil.com",
    "http://2130706433/", "http://0x7f.1/", "http://[::ffff:a9fe:a9fe]/", "ｎｈａｎｄａｎ.ｖｎ/abc",
    "http://xn--nhndan-7va.vn/", "https://www.facebook.com/vtv24news", "https://bit.ly/abc",
    "javascript:alert(1)", "http://%40/", "::", "http://a%2Fb@c/", " 'https://vtv.vn/x'. ",
    "https://nhandan.vn:443@evil.com/", "http://nhandan.vn%2F@evil.com/",
]  # fmt: skip
YAMLS = [
    "a: 1\nb: [x, y]\n", 'a: &a ["lol"]\nb: [*a, *a]\n', "[" * 100, "a: 1\na: 2\n", "? [a]\n: b\n",
    "!!python/object/apply:os.system ['x']\n", "a: 'x\n", "\x01", "- a\n- {b: c, d: [e]}\n",
]  # fmt: skip
TEXTS = [
    "Chuyển khoản gấp cho mình 5 triệu", "c.h.u.y.ể.n k.h.o.ả.n g.ấ.p", "sh@re tr0ng 24h gấppp",
    "TUYỆT MẬT - lưu hành nội bộ", "mật ong rừng nguyên chất", "\u202eevil\u202c \x1b[2J",
    "ｃｈｕｙểｎ ｋｈｏả\u200bｎ", "hoà thuỷ chuyển khoản ck gấp", "001203012345 0912345678",
]  # fmt: skip


def _image(fmt: str, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (16, 12), 128).save(out, fmt)
    return out.getvalue()


def main() -> None:
    repo = HERE.parents[1]
    sources = (repo / "data" / "official_sources.yaml").read_bytes()
    rules = (repo / "data" / "rules.yaml").read_bytes()
    hashes = (repo / "data" / "image_hashes.csv").read_bytes()
    seeds: dict[str, list[bytes]] = {
        "url": [u.encode() for u in URLS],
        "yaml": [y.encode() for y in YAMLS],
        "datafiles": [
            b"\x00" + sources[:4000], b"\x01" + rules[:6000], b"\x02" + hashes,
            b"\x02" + hashes + b"pdq,zz,100,e,fake,n,https://x.vn/a,2024-01-01,2024-01-02\n",
            b"\x00schema_version: 1\nsources: []\n", b"\x01schema: 1\nrules: []\n",
        ],
        "image": [_image("PNG"), _image("JPEG"), _image("GIF", "P"), _image("WEBP"), _image("BMP"),
                  _image("PNG")[:40], png_bomb(), gif_bomb(), b"", b"\xff\xd8\xff"],
        "text": [t.encode() for t in TEXTS],
        "exports": [bytes([i + 1]) + make() for i, (_, make) in enumerate(EXPORTS.values())]
        + [b"\x00" + EXPORTS["facebook"][1]()[:200]],
    }
    for surface, items in seeds.items():
        folder = HERE / "corpus" / surface
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for data in items:
            (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


if __name__ == "__main__":
    main()
