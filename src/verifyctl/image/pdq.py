"""PDQ, Meta's 256-bit perceptual hash, in numpy.

Follows the reference algorithm (facebook/ThreatExchange `pdq/`): luminance, two X/Y passes of
a Jarosz box filter with a window of 1/128 of each side, decimation to 64×64, the 16×16 corner
of the DCT, and one bit per coefficient: above the median or not. The hex form is the
reference's (row 15 first, each row a 16-bit word with column j at bit j), so hashes
interoperate with ThreatExchange and other PDQ tools.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
Float32Array = npt.NDArray[np.float32]

MATCH_DISTANCE = 31  # the reference's threshold for "the same picture"
MIN_QUALITY = 50  # below this the reference calls a hash unreliable
_WINDOW_DIVISOR = 128
_LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)
_ROW_WEIGHTS = 1 << np.arange(16, dtype=np.uint32)


@dataclass(frozen=True, slots=True)
class PdqHash:
    hex: str  # 64 hex digits, the reference's string form
    quality: int  # 0..100


@cache
def _dct_matrix() -> FloatArray:
    i = np.arange(1, 17)[:, None]
    j = np.arange(64)[None, :]
    matrix: FloatArray = np.cos((np.pi / 2 / 64.0) * i * (2 * j + 1))
    return matrix


def luma_from_rgb(rgb: npt.NDArray[np.uint8]) -> Float32Array:
    """Y of YUV from an (H, W, 3) uint8 array (float32: the filter below averages the
    rounding away, and it is eight times faster than float64 here)."""
    return rgb.astype(np.float32) @ _LUMA


def _window(dimension: int) -> int:
    return (dimension + _WINDOW_DIVISOR - 1) // _WINDOW_DIVISOR


@lru_cache(maxsize=128)
def _kernel(n: int) -> Float32Array:
    """The reference's two box-filter passes along one axis of length `n`, then its
    decimation to 64 samples, as one (64, n) matrix.

    The reference's box filter averages `window` samples around each one, fewer at the edges
    (output k averages k-(window-half) .. k+half-1, half = (window+2)//2). Two passes and a
    pick of 64 samples are linear, so they fold into one matrix; the full-size filtered image
    is never needed.
    """
    window = _window(n)
    half = (window + 2) // 2
    k = np.arange(n)
    lo = np.maximum(0, k - (window - half))
    hi = np.minimum(n - 1, k + half - 1)
    count = (hi - lo + 1).astype(np.float64)
    picked = (((np.arange(64) + 0.5) * n) / 64).astype(np.int64)
    # first pass, only at the picked outputs: a box of 1/count over lo..hi
    first = ((k >= lo[picked, None]) & (k <= hi[picked, None])) / count[picked, None]
    # second pass: each input sample k spreads first[:, k] / count[k] over lo[k]..hi[k]
    spread = (first / count).T
    diff = np.zeros((n + 1, 64))
    np.add.at(diff, lo, spread)
    np.add.at(diff, hi + 1, -spread)
    return np.cumsum(diff, axis=0)[:n].T.astype(np.float32)


def downsample64(luma: Float32Array) -> FloatArray:
    """Jarosz-filtered (tent) and decimated to 64×64, as the reference does."""
    rows, cols = luma.shape
    block = _kernel(rows) @ (luma @ _kernel(cols).T)
    return block.astype(np.float64)


def quality(block: FloatArray) -> int:
    """The reference's gradient-count heuristic on the 64×64 block, 0..100."""
    dv = np.trunc((block[:-1, :] - block[1:, :]) * 100 / 255)
    dh = np.trunc((block[:, :-1] - block[:, 1:]) * 100 / 255)
    total = int(np.abs(dv).sum() + np.abs(dh).sum())
    return min(100, total // 90)


def dct16(block: FloatArray) -> FloatArray:
    d = _dct_matrix()
    return d @ block @ d.T


def dihedral(coeffs: FloatArray) -> list[FloatArray]:
    """The DCT of the 8 rotations/flips of the picture, from sign flips and a transpose.

    Order: original, rot90, rot180, rot270, flip x, flip y, flip +1, flip -1 (the reference's).
    """
    idx = np.arange(16)
    odd_row = np.broadcast_to((idx[:, None] & 1).astype(bool), (16, 16))
    odd_col = odd_row.T
    odd_sum = odd_row ^ odd_col
    neg = -coeffs
    return [
        coeffs,
        np.where(odd_col, coeffs, neg).T,
        np.where(odd_sum, neg, coeffs),
        np.where(odd_row, coeffs, neg).T,
        np.where(odd_row, coeffs, neg),
        np.where(odd_col, coeffs, neg),
        coeffs.T,
        np.where(odd_sum, neg, coeffs).T,
    ]


def bits_to_hex(coeffs: FloatArray) -> str:
    median = np.partition(coeffs.ravel(), 127)[127]
    bits = (coeffs > median).astype(np.uint32)
    words = bits @ _ROW_WEIGHTS
    return "".join(f"{int(w):04x}" for w in words[::-1])


def pdq_from_luma(luma: Float32Array) -> PdqHash:
    block = downsample64(luma)
    return PdqHash(bits_to_hex(dct16(block)), quality(block))


def pdq_dihedral_from_luma(luma: Float32Array) -> tuple[list[str], int]:
    """The 8 dihedral hashes (reference order) and the quality."""
    block = downsample64(luma)
    return [bits_to_hex(c) for c in dihedral(dct16(block))], quality(block)
