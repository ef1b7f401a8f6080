"""How a screening process runs its memory once the data files are loaded: settings for a
long batch of small, short-lived objects and a few large buffers, measured on
`benchmarks/bench_screen.py` (1,000,000 posts, `--jobs 2`).

- The loaded data lives as long as the process: `gc.freeze()` takes it out of the cyclic
  collector's sight, so full collections no longer walk it (7% of a worker's time), and
  forked workers leave its pages shared instead of writing to them.
- A post makes dozens of short-lived dicts and lists and next to no reference cycles (over
  300,000 posts the collector found 13 objects to free): the youngest generation is looked at
  every 20,000 allocations instead of 700, when most of them are already freed (3% of a
  worker's time).
- Each chunk of output passes through a few buffers of about 2 MB (joined, pickled, read,
  written). glibc serves such sizes with fresh `mmap`s and hands freed memory back, so every
  chunk faulted in new zeroed pages: 522,000 page faults in a run, 2.7 s of system time. Kept
  in the heap (`mallopt`), they are reused: 42,000 faults, 1.7 s, 4% off the run. Elsewhere
  than glibc this step does nothing.
"""

from __future__ import annotations

import gc
import sys

GC_YOUNG = 20_000
_M_TRIM_THRESHOLD = -1  # glibc's malloc.h
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD = 32 << 20  # glibc's largest
_TRIM_THRESHOLD = 256 << 20


def for_batch() -> None:
    """Tune this process for screening (and the worker processes it forks after)."""
    gc.freeze()
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
    _keep_large_buffers()


def _keep_large_buffers() -> None:
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no such knobs to turn)
        return
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
    mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)
