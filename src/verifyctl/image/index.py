"""PDQ hashes packed for search: four uint64 columns (32 bytes a hash), vectorised popcount."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt


def pack(hexes: Sequence[str]) -> npt.NDArray[np.uint64]:
    """(N, 4) uint64 words, big-endian order of the hex string."""
    if not hexes:
        return np.zeros((0, 4), dtype=np.uint64)
    raw = bytes.fromhex("".join(hexes))
    return np.frombuffer(raw, dtype=">u8").reshape(-1, 4).astype(np.uint64)


class PdqIndex:
    """Every stored PDQ hash, one column per 64-bit word so each pass streams one array."""

    def __init__(self, hexes: Sequence[str]) -> None:
        words = pack(hexes)
        self.columns = tuple(np.ascontiguousarray(words[:, i]) for i in range(4))
        self.size = len(hexes)

    @property
    def nbytes(self) -> int:
        return sum(c.nbytes for c in self.columns)

    def search(self, query_hex: str, max_distance: int) -> list[tuple[int, int]]:
        """(row, distance) of every stored hash within `max_distance` bits of the query."""
        if self.size == 0:
            return []
        q = pack([query_hex])[0]
        c0, c1, c2, c3 = self.columns
        # Half the bits first: a hash within d overall is within d on these 128 bits, and the
        # uint8 sum cannot wrap (at most 128), so this prunes nearly every row cheaply.
        half = np.bitwise_count(c0 ^ q[0]) + np.bitwise_count(c1 ^ q[1])
        rows = np.flatnonzero(half <= max_distance)
        if rows.size == 0:
            return []
        rest = np.bitwise_count(c2[rows] ^ q[2]) + np.bitwise_count(c3[rows] ^ q[3])
        total = half[rows].astype(np.int32) + rest.astype(np.int32)
        keep = total <= max_distance
        return list(zip(rows[keep].tolist(), total[keep].tolist(), strict=True))


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()
