"""Known URL shorteners (`data/url_shorteners.txt`, from PeterDaveHello/url-shorteners,
CC-BY-SA-4.0: the file keeps its licence header)."""

from __future__ import annotations

from functools import lru_cache

from verifyctl import datafiles

FILE = "url_shorteners.txt"


@lru_cache(maxsize=1)
def shorteners() -> frozenset[str]:
    text = datafiles.read_text(datafiles.data_path(FILE))
    hosts = (line.split("#", 1)[0].strip().lower().rstrip(".") for line in text.splitlines())
    return frozenset(h for h in hosts if h)


def is_shortener(host: str) -> bool:
    known = shorteners()
    if host in known:
        return True
    start = host.find(".")
    while start != -1:
        if host[start + 1 :] in known:
            return True
        start = host.find(".", start + 1)
    return False
