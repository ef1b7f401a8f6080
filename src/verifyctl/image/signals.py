"""The hashes of one picture: what the list stores for it, and what a query compares."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
    candidates: tuple[str, ...]  # every PDQ hash to look up: dihedral, regions, search;
    # empty when no part of the picture has enough detail to hash reliably


def stored_signals(picture: Picture) -> list[Signal]:
    """What `hash` prints and `hashes add` stores: SHA-256, PDQ of the whole, PDQ of the centre."""
    luma = pdq.luma_from_rgb(picture.rgb)
    whole = pdq.pdq_from_luma(luma)
    centre = pdq.pdq_from_luma(regions.stored_centre(luma))
    return [
        Signal("sha256", picture.sha256, None),
        Signal("pdq", whole.hex, whole.quality),
        Signal("pdq_center", centre.hex, centre.quality),
    ]


def query_hashes(picture: Picture) -> QueryHashes:
    """The whole picture's hash and quality, and every hash worth looking up: hashes of
    regions with too little detail (quality < 50) are left out, as they match by chance."""
    luma = pdq.luma_from_rgb(picture.rgb)
    whole, quality = pdq.pdq_dihedral_from_luma(luma)
    candidates = list(whole) if quality >= pdq.MIN_QUALITY else []
    # Everything else is looked for on a copy of at most WORK_SIDE pixels a side: PDQ
    # decimates to 64×64 anyway, and it makes the extra hashes several times cheaper.
    work = regions.shrink(luma)
    rows, cols = work.shape
    # The DCT-sign mirror is exact only up to the reference filter's one-pixel asymmetry,
    # which fine textures notice; a mirrored copy is the common case, so hash it for real.
    mirrored = pdq.pdq_from_luma(np.ascontiguousarray(work[:, ::-1]))
    if mirrored.quality >= pdq.MIN_QUALITY:
        candidates.append(mirrored.hex)
    boxes = regions.regions(work)
    for left, top, right, bottom in boxes:
        hashes, region_quality = pdq.pdq_dihedral_from_luma(work[top:bottom, left:right])
        if region_quality >= pdq.MIN_QUALITY:
            candidates.extend(hashes)
    # The zoom/turn search is the costly part: only for the whole and the likeliest region.
    for box in [(0, 0, cols, rows), *boxes[:1]]:
        for variant in regions.search_variants(work, box):
            found = pdq.pdq_from_luma(variant)
            if found.quality >= pdq.MIN_QUALITY:
                candidates.append(found.hex)
    return QueryHashes(picture.sha256, whole[0], quality, tuple(dict.fromkeys(candidates)))
