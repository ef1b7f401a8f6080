"""PDQ against Meta's reference: conformance images, dihedral hashes, the packed index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from verifyctl.image import pdq
from verifyctl.image.decode import read_picture
from verifyctl.image.index import PdqIndex, hamming

DATA = Path(__file__).resolve().parent / "data"
# The full conformance set, where the checkout has ../shared beside it (CI does).
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "research" / "images" / "pdq"
SHARED_MODS = sorted(SHARED.glob("bridge-mods_*.jpg")) if SHARED.is_dir() else []
REFERENCE = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"  # PDQHasherTest.java


def whole(path: Path) -> pdq.PdqHash:
    return pdq.pdq_from_luma(pdq.luma_from_rgb(read_picture(path).rgb))


def test_reference_hash_reproduced_exactly() -> None:
    found = whole(DATA / "bridge-mods_aaa-orig.jpg")
    assert found.hex == REFERENCE
    assert found.quality == 100
    assert bin(int(found.hex, 16)).count("1") == 128


@pytest.mark.parametrize(
    "name",
    ["bridge-mods_blur-a-lot", "bridge-mods_sharpen-a-lot", "bridge-mods_shrink-a-lot", "bridge-mods_square-256x256"],
)
def test_modified_bridges_within_match_distance(name: str) -> None:
    assert hamming(whole(DATA / f"{name}.jpg").hex, REFERENCE) <= pdq.MATCH_DISTANCE


@pytest.mark.skipif(not SHARED_MODS, reason="no ../shared/research/images/pdq beside the checkout")
@pytest.mark.parametrize("path", SHARED_MODS, ids=[p.stem for p in SHARED_MODS])
def test_every_shared_bridge_mod_within_match_distance(path: Path) -> None:
    assert hamming(whole(path).hex, REFERENCE) <= pdq.MATCH_DISTANCE


@pytest.mark.parametrize("name", ["dih_bridge-2-rotate-90", "dih_bridge-5-flipx", "dih_bridge-8-flip-minus-1"])
def test_dihedral_variants_match_through_dct_flips(name: str) -> None:
    hashes, _ = pdq.pdq_dihedral_from_luma(pdq.luma_from_rgb(read_picture(DATA / f"{name}.jpg").rgb))
    assert hamming(hashes[0], REFERENCE) > pdq.MATCH_DISTANCE  # as it is, it does not match
    assert min(hamming(h, REFERENCE) for h in hashes) <= pdq.MATCH_DISTANCE


@pytest.mark.parametrize("name", ["labelme-subset_q0122", "labelme-subset_q0291", "labelme-subset_q0746", "labelme-subset_q2821"])
def test_unrelated_pictures_far_apart(name: str) -> None:
    hashes, _ = pdq.pdq_dihedral_from_luma(pdq.luma_from_rgb(read_picture(DATA / f"{name}.jpg").rgb))
    assert min(hamming(h, REFERENCE) for h in hashes) > 2 * pdq.MATCH_DISTANCE


@pytest.mark.parametrize(
    ("name", "low"),
    [("misc-images_small", True), ("labelme-subset_q0003", True), ("labelme-subset_q1050", False)],
)
def test_quality_metric(name: str, low: bool) -> None:
    assert (whole(DATA / f"{name}.jpg").quality < pdq.MIN_QUALITY) is low


@pytest.mark.parametrize(
    ("index", "transpose_op"),
    [
        (1, lambda a: np.rot90(a, 1)),  # the reference's "rotate 90" is counter-clockwise
        (2, lambda a: np.rot90(a, 2)),
        (3, lambda a: np.rot90(a, -1)),
        (4, np.flipud),  # "flip x": about the x axis
        (5, np.fliplr),
        (6, np.transpose),
        (7, lambda a: np.rot90(a, 2).T),
    ],
)
def test_dihedral_order_matches_real_transforms(index: int, transpose_op: object) -> None:
    """Each DCT-derived hash is the hash of the transformed image, up to the reference
    filter's one-pixel asymmetry (which is why the matcher also hashes a real mirror)."""
    assert callable(transpose_op)
    luma = pdq.luma_from_rgb(np.asarray(Image.open(DATA / "bridge-mods_square-256x256.jpg").convert("RGB")))
    derived, _ = pdq.pdq_dihedral_from_luma(luma)
    direct = pdq.pdq_from_luma(np.ascontiguousarray(transpose_op(luma))).hex
    assert min(hamming(direct, h) for h in derived) == hamming(direct, derived[index])
    assert hamming(direct, derived[index]) <= 40


hex64 = st.binary(min_size=32, max_size=32).map(bytes.hex)


@settings(max_examples=30, deadline=None)
@given(st.lists(hex64, min_size=1, max_size=200), hex64, st.integers(0, 256))
def test_index_search_equals_brute_force(stored: list[str], query: str, limit: int) -> None:
    found = dict(PdqIndex(stored).search(query, limit))
    expected = {i: hamming(h, query) for i, h in enumerate(stored) if hamming(h, query) <= limit}
    assert found == expected


def test_index_is_32_bytes_a_hash() -> None:
    stored = [bytes([i % 256]).hex() * 32 for i in range(1000)]
    assert PdqIndex(stored).nbytes == 32 * 1000
    assert PdqIndex([]).search("0" * 64, 31) == []
