"""Known URL shorteners (`data/url_shorteners.txt`, from PeterDaveHello/url-shorteners,
CC-BY-SA-4.0: the file keeps its licence header)."""

from __future__ import annotations

from functools import lru_cache

from verifyctl import datafiles
from verifyctl.url.suffixes import depth, parents

FILE = "url_shorteners.txt"


@lru_cache(maxsize=1)
def shorteners() -> frozenset[str]:
    text = datafiles.read_text(datafiles.data_path(FILE))
    hosts = (line.split("#", 1)[0].strip().lower().rstrip(".") for line in text.splitlines())
    return frozenset(h for h in hosts if h)


def is_shortener(host: str) -> bool:
    known = shorteners()
    return host in known or any(parent in known for parent in parents(host, _depth()))


@lru_cache(maxsize=1)
def _depth() -> int:
    return depth(shorteners())
