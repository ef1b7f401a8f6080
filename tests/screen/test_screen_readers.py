"""Each input format, on a file in the shape the platform exports it, through the whole run
(with the stand-in engine): one record per post, text repaired, links and pictures found."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import screen_exports as exports
from screen_helpers import Screen, screen_fixture  # noqa: F401  (the `screen` fixture)

from verifyctl.screen.readers.facebook import unmojibake

TEXTS = [text for text, _ in exports.POSTS]
VERDICTS = ["share", "dont_share", "verify", "verify"]


def _facebook_new(d: Path) -> Path:
    exports.facebook_export(d / "export", new_layout=True)
    return d / "export"


def _facebook_old_file(d: Path) -> Path:
    return exports.facebook_export(d / "export", new_layout=False)


def _telegram_chat(d: Path) -> Path:
    return exports.telegram_export(d / "ChatExport_2024-06-01")


def _twitter(d: Path) -> Path:
    exports.twitter_export(d / "twitter-2024-06-01")
    return d / "twitter-2024-06-01"


CASES: dict[str, tuple[Callable[[Path], Path], list[str]]] = {
    "facebook-2024-folder": (_facebook_new, [*VERDICTS, "verify"]),
    "facebook-old-file": (_facebook_old_file, [*VERDICTS, "verify"]),
    "telegram-chat": (_telegram_chat, VERDICTS),
    "twitter-folder": (_twitter, VERDICTS),
    "crowdtangle-csv": (lambda d: exports.crowdtangle_csv(d / "posts.csv"), VERDICTS),
    "jsonl": (lambda d: exports.jsonl_file(d / "posts.jsonl"), VERDICTS),
    "text": (lambda d: exports.text_file(d / "posts.txt"), VERDICTS),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_format(case: str, tmp_path: Path, screen: Screen) -> None:
    build, verdicts = CASES[case]
    out = screen(build(tmp_path))
    assert [o["verdict"] for o in out] == verdicts
    for o, text in zip(out, TEXTS, strict=False):
        assert o["target"].startswith(text), o["target"]  # Vietnamese intact, no mojibake
        assert o["kind"] == "text"
        assert o["id"]
    assert [o["origin"]["index"] for o in out] == sorted(o["origin"]["index"] for o in out)
    flagged = out[1]
    assert any(r.get("rule") == "share-before-deleted" for r in flagged["reasons"])
    assert any(r.get("imitates") == "nhan-dan" for r in flagged["reasons"])


@pytest.mark.parametrize("case", ["facebook-2024-folder", "facebook-old-file", "telegram-chat", "twitter-folder"])
def test_pictures_found_beside_the_export(case: str, tmp_path: Path, screen: Screen) -> None:
    out = screen(CASES[case][0](tmp_path))
    picture_reasons = [r for r in out[2]["reasons"] if "image" in r]
    assert len(picture_reasons) == 1
    assert Path(picture_reasons[0]["image"]).is_file()
    assert all("image" not in r for o in out[:2] for r in o["reasons"])


def test_twitter_judges_expanded_links_never_tco(tmp_path: Path, screen: Screen) -> None:
    out = screen(_twitter(tmp_path))
    blob = repr(out)
    assert "t.co/" not in blob
    assert "https://nhandan.vn/thong-bao-tet" in out[0]["target"]
    assert out[2]["id"] == "1797000000000000002"


def test_telegram_full_export_and_text_links(tmp_path: Path, screen: Screen) -> None:
    exports.telegram_export(tmp_path / "DataExport", full=True)
    out = screen(tmp_path / "DataExport")
    assert [o["verdict"] for o in out] == VERDICTS * 2
    assert [o["id"] for o in out[:2]] == ["1001/2", "1001/3"]
    assert out[4]["id"] == "1002/101"
    # The link hidden behind "Xem thêm" is judged, though the visible text does not show it.
    assert any(r.get("link") == "https://nhandan-vn.com/gia-xang" for r in out[1]["reasons"])
    assert sum(1 for o in out if any("image" in r for r in o["reasons"])) == 2


def test_crowdtangle_uses_final_link_and_post_url_as_id(tmp_path: Path, screen: Screen) -> None:
    out = screen(exports.crowdtangle_csv(tmp_path / "ct.csv"))
    assert out[0]["id"] == "https://www.facebook.com/tinbinhphuoc/posts/pfbid00AbC"
    urls = [r.get("link") for o in out for r in o["reasons"] if r.get("link")]
    assert "https://nhandan.vn/thong-bao-tet" in urls
    assert not any(u.startswith("http://") for u in urls)  # `Link` (pre-redirect) is not judged


def test_csv_named_columns(tmp_path: Path, screen: Screen) -> None:
    path = tmp_path / "custom.csv"
    path.write_text(
        "ma_bai,noi_dung,duong_dan\nA1,Hãy chia sẻ trước khi bị xóa,https://nhandan.vn/x\nA2,Bình thường,\n",
        encoding="utf-8",
    )
    from verifyctl.screen.readers.csvfile import CsvColumns

    out = screen(path, csv_columns=CsvColumns(("noi_dung",), ("duong_dan",), "ma_bai"))
    assert [o["id"] for o in out] == ["A1", "A2"]
    assert [o["verdict"] for o in out] == ["dont_share", "verify"]


def test_jsonl_named_fields(tmp_path: Path, screen: Screen) -> None:
    from verifyctl.screen.readers.lines import JsonFields

    path = tmp_path / "p.jsonl"
    path.write_text('{"post_id": 7, "body": "xin chào", "links": ["https://nhandan.vn/a"]}\n', encoding="utf-8")
    out = screen(path, json_fields=JsonFields("post_id", "body", ("links",)))
    assert out[0]["id"] == "7"
    assert out[0]["verdict"] == "share"


def test_zip_and_gzip(tmp_path: Path, screen: Screen) -> None:
    root = _facebook_new(tmp_path)
    archive = tmp_path / "facebook-lan-2024.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(root).as_posix())
    out = screen(archive)
    assert [o["verdict"] for o in out] == [*VERDICTS, "verify"]
    assert out[0]["origin"]["file"].endswith(".zip!your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json")
    assert any("image" in r for r in out[2]["reasons"])  # the picture inside the zip is checked

    plain = exports.jsonl_file(tmp_path / "p.jsonl")
    packed = tmp_path / "p.jsonl.gz"
    with plain.open("rb") as src, gzip.open(packed, "wb") as dst:
        shutil.copyfileobj(src, dst)
    assert [o["verdict"] for o in screen(packed)] == VERDICTS


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (exports.fb_bytes("Nguyễn Văn Ánh"), "Nguyễn Văn Ánh"),
        ("already fine: Đồng Nai", "already fine: Đồng Nai"),
        ("plain ascii", "plain ascii"),
        ("\u00c3\u00a9\u00ff", "\u00c3\u00a9\u00ff"),  # not valid UTF-8 once re-encoded: left alone
    ],
)
def test_unmojibake(stored: str, shown: str) -> None:
    assert unmojibake(stored) == shown
