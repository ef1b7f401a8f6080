"""The verdict rules of issue 5, one case each, on lists built from real hashes."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import image_helpers
import pytest
from image_helpers import WriteList, flat_picture, list_text, png_bytes
from PIL import Image

from verifyctl.errors import VerifyctlError
from verifyctl.image.check import STRONG_DISTANCE, check_image
from verifyctl.image.decode import decode_picture
from verifyctl.image.hashlist import Entry, format_rows, load_hashlist
from verifyctl.image.signals import stored_signals
from verifyctl.verdict import Verdict

# fixtures (see image_helpers: why not a conftest.py)
photos = image_helpers.photos
write_list = image_helpers.write_list


def flipped(hex_hash: str, bits: int, seed: int = 7) -> str:
    """`hex_hash` at exactly `bits` distance, still with 128 bits set (half up, half down)."""
    value = int(hex_hash, 16)
    ones = [i for i in range(256) if value >> i & 1]
    zeros = [i for i in range(256) if not value >> i & 1]
    rnd = random.Random(seed)
    for i in rnd.sample(ones, bits // 2) + rnd.sample(zeros, bits // 2):
        value ^= 1 << i
    return f"{value:064x}"


def pdq_of(img: Image.Image) -> str:
    return next(s.value for s in stored_signals(decode_picture(png_bytes(img), "-")) if s.signal_type == "pdq")


def query(tmp_path: Path, img: Image.Image) -> str:
    path = tmp_path / "query.jpg"
    img.save(path, "JPEG", quality=90)
    return str(path)


@pytest.mark.parametrize(
    ("label", "verdict"),
    [("fake", Verdict.DONT_SHARE), ("edited", Verdict.DONT_SHARE), ("out_of_context", Verdict.DONT_SHARE), ("official", Verdict.SHARE)],
)
def test_strong_match_by_label(label: str, verdict: Verdict, photos: dict[str, Image.Image], write_list: WriteList, tmp_path: Path) -> None:
    hashes = load_hashlist(write_list({"cat-2019": (photos["chelsea"], label)}))
    result = check_image(query(tmp_path, photos["chelsea"]), hashes)
    assert result.verdict is verdict
    (reason,) = result.reasons
    assert reason.code == "image_match"
    assert reason.fields["entry"] == "cat-2019"
    assert reason.fields["label"] == label
    assert reason.fields["note"] == "Ảnh đã bị bác bỏ."
    assert reason.fields["source_url"] == "https://example.org/cat-2019"
    assert 0 <= reason.fields["distance"] <= STRONG_DISTANCE
    assert "cat-2019" in reason.message.vi and "https://example.org/cat-2019" in reason.message.en


def write_rows(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A list of (entry, label, pdq hex) rows."""
    text = list_text({})
    for entry_id, label, value in rows:
        entry = Entry(entry_id, label, "Ghi chú.", f"https://example.org/{entry_id}", None, dt.date(2026, 1, 1), 0)
        text += format_rows([("pdq", value, 90)], entry)
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("bits", "code", "verdict"), [(10, "image_match", Verdict.DONT_SHARE), (28, "image_near_match", Verdict.VERIFY), (40, "image_unknown", Verdict.VERIFY)])
def test_distance_bands(bits: int, code: str, verdict: Verdict, photos: dict[str, Image.Image], tmp_path: Path) -> None:
    stored = flipped(pdq_of(photos["coffee"]), bits)
    hashes = load_hashlist(write_rows(tmp_path, [("coffee-fake", "fake", stored)]))
    result = check_image(f"pdq:{pdq_of(photos['coffee'])}", hashes)
    assert (result.reasons[0].code, result.verdict) == (code, verdict)
    if code != "image_unknown":
        assert result.reasons[0].fields["distance"] == bits
        assert result.reasons[0].fields["entry"] == "coffee-fake"


def test_match_to_fake_and_its_original_is_verify_naming_both(photos: dict[str, Image.Image], tmp_path: Path) -> None:
    original = pdq_of(photos["rocket"])
    hashes = load_hashlist(write_rows(tmp_path, [("rocket-fake", "fake", flipped(original, 6)), ("rocket-official", "official", original)]))
    result = check_image(query(tmp_path, photos["rocket"]), hashes)
    assert result.verdict is Verdict.VERIFY
    (reason,) = result.reasons
    assert reason.code == "image_ambiguous_match"
    assert {e["entry"] for e in reason.fields["entries"]} == {"rocket-fake", "rocket-official"}


def test_no_match_is_verify(photos: dict[str, Image.Image], write_list: WriteList, tmp_path: Path) -> None:
    hashes = load_hashlist(write_list({"cat": (photos["chelsea"], "fake")}))
    result = check_image(query(tmp_path, photos["astronaut"]), hashes)
    assert result.verdict is Verdict.VERIFY
    assert [r.code for r in result.reasons] == ["image_unknown"]
    assert result.fields["quality"] >= 50


def test_low_quality_is_verify_with_its_reason(write_list: WriteList, tmp_path: Path, photos: dict[str, Image.Image]) -> None:
    hashes = load_hashlist(write_list({"cat": (photos["chelsea"], "fake")}))
    result = check_image(query(tmp_path, flat_picture()), hashes)
    assert result.verdict is Verdict.VERIFY
    assert result.reasons[0].code == "image_low_quality"
    assert result.reasons[0].fields["quality"] < 50


def test_sha256_target_exact(photos: dict[str, Image.Image], write_list: WriteList) -> None:
    hashes = load_hashlist(write_list({"cat": (photos["chelsea"], "edited")}))
    digest = next(iter(hashes.sha256))
    result = check_image(f"sha256:{digest.upper()}", hashes)
    assert result.verdict is Verdict.DONT_SHARE
    assert result.reasons[0].fields["signal"] == "sha256"
    assert check_image("sha256:" + "0" * 64, hashes).reasons[0].code == "image_unknown"


@pytest.mark.parametrize("target", ["pdq:abcd", "md5:" + "0" * 32, "sha256:" + "0" * 63])
def test_bad_hash_strings(target: str, photos: dict[str, Image.Image], write_list: WriteList) -> None:
    hashes = load_hashlist(write_list({"cat": (photos["chelsea"], "fake")}))
    with pytest.raises(VerifyctlError) as info:
        check_image(target, hashes)
    assert target in info.value.line("en")
