"""The hashes of one picture: what the list stores for it, and what a query compares."""

from __future__ import annotations

from dataclasses import dataclass

from verifyctl.image import pdq, regions
from verifyctl.image.decode import Picture


@dataclass(frozen=True, slots=True)
class Signal:
    signal_type: str  # sha256 | pdq | pdq_center
    value: str
    quality: int | None  # PDQ quality; None for sha256


@dataclass(frozen=True, slots=True)
class QueryHashes:
    sha256: str
    pdq: str  # the whole picture, as the reference computes it
    quality: int
    candidates: tuple[str, ...]  # every PDQ hash to look up: dihedral, regions, search


def stored_signals(picture: Picture) -> list[Signal]:
    """What `hash` prints and `hashes add` stores: SHA-256, PDQ of the whole, PDQ of the centre."""
    luma = pdq.luma_from_rgb(picture.rgb)
    whole = pdq.pdq_from_luma(luma)
    left, top, right, bottom = regions.centre_box(*luma.shape)
    centre = pdq.pdq_from_luma(luma[top:bottom, left:right])
    return [
        Signal("sha256", picture.sha256, None),
        Signal("pdq", whole.hex, whole.quality),
        Signal("pdq_center", centre.hex, centre.quality),
    ]


def query_hashes(picture: Picture) -> QueryHashes:
    luma = pdq.luma_from_rgb(picture.rgb)
    rows, cols = luma.shape
    whole, quality = pdq.pdq_dihedral_from_luma(luma)
    candidates = list(whole)
    boxes = [(0, 0, cols, rows), *regions.regions(luma)]
    for left, top, right, bottom in boxes[1:]:
        candidates.extend(pdq.pdq_dihedral_from_luma(luma[top:bottom, left:right])[0])
    for box in boxes:
        for variant in regions.search_variants(luma, box):
            candidates.append(pdq.pdq_from_luma(variant).hex)
    return QueryHashes(picture.sha256, whole[0], quality, tuple(dict.fromkeys(candidates)))
