"""Where the picture is inside what was shared: query-time regions and search variants.

Resharing wraps a picture (padding, a caption band, a phone's screenshot frame) or cuts and
tilts it a little. PDQ survives none of that, so the query is hashed several ways: the whole,
the content box found by trimming flat bands, and the centre at a few scales and small
rotations, which is what the stored `pdq_center` hash is compared with.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from verifyctl.image.pdq import Float32Array

if TYPE_CHECKING:
    from PIL import Image

Box = tuple[int, int, int, int]  # left, top, right, bottom (PIL order)

CENTER = 0.8  # the stored `pdq_center` hash covers the central 80% of each side
SEARCH_CROPS = (0.0, 0.02, 0.04, 0.06, 0.08, 0.10)  # per side, undone by zooming the query
SEARCH_ROTATIONS = (-6.0, -3.0, 3.0, 6.0)  # degrees, undone by turning the query back
WORK_SIDE = 512
_SEARCH_SIZE = 64
_SEARCH_SIDE = 256
_FLAT_TOL = 12.0  # grey levels: JPEG noise on a flat band stays within this
_BORDER_FRAC = 0.97  # a padding row: nearly every pixel the edge colour
_BAND_FRAC = 0.5  # a caption or UI row: mostly the band colour, text on it
_MIN_SIDE = 0.25  # a content box narrower than this is not the picture


def shrink(luma: Float32Array) -> Float32Array:
    """An area-averaged copy at most WORK_SIDE pixels a side (the luma itself if smaller)."""
    from PIL import Image

    rows, cols = luma.shape
    scale = WORK_SIDE / max(rows, cols)
    if scale >= 1:
        return luma
    size = (max(16, round(cols * scale)), max(16, round(rows * scale)))
    small = Image.fromarray(luma, mode="F").resize(size, Image.Resampling.BOX)
    return np.asarray(small, dtype=np.float32)


def regions(luma: Float32Array) -> list[Box]:
    """Boxes to hash besides the whole, most likely first: the content box under bands (with
    and without side trimming), then the box inside plain padding."""
    rows, cols = luma.shape
    step = max(1, max(rows, cols) // WORK_SIDE)
    small = luma[::step, ::step]
    full = (0, 0, cols, rows)
    found: list[Box] = []
    for box in (*_content_boxes(small), *_edge_band_boxes(small), _trim_borders(small)):
        if box is None:
            continue
        left, top, right, bottom = (v * step for v in box)
        scaled = (left, top, min(cols, right), min(rows, bottom))
        if scaled != full and scaled not in found and _big_enough(scaled, rows, cols):
            found.append(scaled)
    return found


def _big_enough(box: Box, rows: int, cols: int) -> bool:
    left, top, right, bottom = box
    return (right - left) >= _MIN_SIDE * cols and (bottom - top) >= _MIN_SIDE * rows and right - left >= 16 and bottom - top >= 16


def _flat_share(lines: Float32Array, colour: float) -> Float32Array:
    return (np.abs(lines - colour) <= _FLAT_TOL).mean(axis=1)  # type: ignore[no-any-return]


def _edge_run(share: Float32Array, frac: float) -> int:
    """How many lines from the start are flat."""
    flat = share >= frac
    return int(len(flat) if flat.all() else np.argmin(flat))


def _trim_borders(small: Float32Array) -> Box | None:
    rows, cols = small.shape
    top = _edge_run(_flat_share(small, float(np.median(small[0]))), _BORDER_FRAC)
    bottom = rows - _edge_run(_flat_share(small[::-1], float(np.median(small[-1]))), _BORDER_FRAC)
    if bottom - top < 2:
        return None
    inner = small[top:bottom]
    left = _edge_run(_flat_share(inner.T, float(np.median(inner[:, 0]))), _BORDER_FRAC)
    right = cols - _edge_run(_flat_share(inner.T[::-1], float(np.median(inner[:, -1]))), _BORDER_FRAC)
    if right - left < 2:
        return None
    return (left, top, right, bottom)


def _longest_run(band: np.ndarray, max_gap: int) -> tuple[int, int] | None:
    """The longest stretch of non-band lines, bridging band-like gaps up to `max_gap` long
    (a dark strip inside a photo is not the end of the photo)."""
    content = np.flatnonzero(~band)
    if content.size == 0:
        return None
    splits = np.flatnonzero(np.diff(content) > max_gap + 1)
    starts = np.concatenate([[content[0]], content[splits + 1]])
    ends = np.concatenate([content[splits], [content[-1]]]) + 1
    best = int(np.argmax(ends - starts))
    return int(starts[best]), int(ends[best])


def _band_colours(first: Float32Array, last: Float32Array) -> list[float]:
    """The colour of each flat edge line. An edge the picture reaches is not flat and gives
    no band colour: a dark sky is not a band just because the bottom row is dark too."""
    colours = []
    for edge in (first, last):
        colour = float(np.median(edge))
        if (np.abs(edge - colour) <= _FLAT_TOL).mean() >= _BORDER_FRAC:
            colours.append(colour)
    return colours


def _band_lines(lines: Float32Array, colours: list[float]) -> np.ndarray:
    band = np.zeros(len(lines), dtype=bool)
    for colour in colours:
        band |= _flat_share(lines, colour) >= _BAND_FRAC
    return band


def _content_boxes(small: Float32Array) -> list[Box]:
    """The picture inside caption bands or a screenshot frame: the longest run of lines that
    are not mostly the frame colour; first with its sides trimmed the same way, then at full
    width (a screenshot shows the picture edge to edge, and a dark picture edge on a dark
    frame would otherwise be cut)."""
    rows, cols = small.shape
    colours = _band_colours(small[0], small[-1])
    if not colours:
        return []
    run = _longest_run(_band_lines(small, colours), max(1, rows // 50))
    if run is None:
        return []
    top, bottom = run
    inner = small[top:bottom]
    boxes = []
    side_colours = colours + _band_colours(inner[:, 0], inner[:, -1])
    side = _longest_run(_band_lines(inner.T, side_colours), max(1, cols // 50))
    if side is not None:
        boxes.append((side[0], top, side[1], bottom))
    boxes.append((0, top, cols, bottom))
    return boxes


def _band_end(lines: Float32Array, max_gap: int) -> int:
    """Where a band that starts at the first line ends: band-like lines of the first line's
    colour, text lines inside it bridged. 0 if the first line is not flat."""
    colours = _band_colours(lines[0], lines[0])
    if not colours:
        return 0
    band = _band_lines(lines, colours)
    end, gap = 0, 0
    for i, is_band in enumerate(band):
        if is_band:
            end, gap = i + 1, 0
        else:
            gap += 1
            if gap > max_gap:
                break
    return end


def _edge_band_boxes(small: Float32Array) -> list[Box]:
    """A caption band at the top, the bottom or both, each edge on its own."""
    rows, cols = small.shape
    gap = max(1, rows // 25)
    top = _band_end(small, gap)
    bottom = rows - _band_end(small[::-1], gap)
    boxes = []
    if top >= rows // 50:
        boxes.append((0, top, cols, rows))
    if rows - bottom >= rows // 50:
        boxes.append((0, 0, cols, bottom))
    if len(boxes) == 2:
        boxes.append((0, top, cols, bottom))
    return boxes


def search_variants(luma: Float32Array, box: Box) -> Iterator[Float32Array]:
    """The centre of `box`, zoomed to undo a crop of each SEARCH_CROPS size per side, and
    turned back by each SEARCH_ROTATIONS angle; each as a small square for hashing. The first
    is the plain centre: what `stored_centre` gives for the original."""
    from PIL import Image

    picture = _prepare(luma, box)
    width, height = picture.size
    for crop in SEARCH_CROPS:
        yield _centre(picture, width, height, CENTER / (1 - 2 * crop))
    for angle in SEARCH_ROTATIONS:
        turned = picture.rotate(angle, resample=Image.Resampling.BILINEAR)
        for crop in (0.0, 0.05):
            yield _centre(turned, width, height, CENTER / (1 - 2 * crop))


def stored_centre(luma: Float32Array) -> Float32Array:
    """The square the stored `pdq_center` hash is taken of: made exactly as a query's search
    variants are, so the two differ only by what was done to the picture."""
    work = shrink(luma)
    picture = _prepare(work, (0, 0, work.shape[1], work.shape[0]))
    return _centre(picture, picture.width, picture.height, CENTER)


def _prepare(luma: Float32Array, box: Box) -> Image.Image:
    from PIL import Image

    left, top, right, bottom = box
    picture = Image.fromarray(luma[top:bottom, left:right], mode="F")
    scale = _SEARCH_SIDE / max(picture.size)
    if scale < 1:  # turning and zooming a small copy is as good and ten times cheaper
        size = (max(16, round(picture.width * scale)), max(16, round(picture.height * scale)))
        picture = picture.resize(size, Image.Resampling.BOX)
    return picture


def _centre(picture: Image.Image, width: int, height: int, fraction: float) -> Float32Array:
    from PIL import Image

    dx, dy = width * (1 - fraction) / 2, height * (1 - fraction) / 2
    square = picture.resize(
        (_SEARCH_SIZE, _SEARCH_SIZE), Image.Resampling.BOX, box=(dx, dy, width - dx, height - dy)
    )
    return np.asarray(square, dtype=np.float32)
