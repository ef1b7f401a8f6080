"""Links inside a post: with a scheme, `www.`, or a bare domain (`nhandan.vn/abc`), with the
character span of each so every one can be judged and shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# Top-level domains a bare `name.tld` must end with to count as a link without a scheme;
# without this, `TP.HCM`, `v.v.` or `gấp.Chia` would be links.
_TLDS = (
    "vn|com|net|org|info|biz|edu|gov|int|io|co|me|xyz|top|site|online|shop|store|club|live|app|"
    "dev|asia|link|click|news|tv|cc|ly|gl|gd|to|be|de|uk|us|fr|jp|kr|cn|ru|in|ml|tk|ga|cf|gq|pw|"
    "icu|vip|bet|win|fun|pro|today|blog|page|tech|space|website|cloud|zip|mov|cam|buzz|sbs|cfd|lol"
)
_STOP = "\\s<>\"'“”‘’«»\\[\\]{}|^`"
_URL = re.compile(
    rf"(?i)(?:\b(?:https?|ftp)://[^{_STOP}]+"
    rf"|(?<![\w@.-])www\.[^{_STOP}]+"
    rf"|(?<![\w@.\-/])(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})\.?(?::\d{{2,5}})?(?![\w-])(?:[/?#][^{_STOP}]*)?)"
)
_TRAILING = ".,;:!?…)"
# Every link has a dot followed by a letter or digit; a literal-led search finds that fast.
_GATE = re.compile(r"\.[^\W_]")
_INNER_DOT = re.compile(r"\.(?=\S)")  # a dot that does not end its word (`\S` is `str.split`'s)
_WORD_REST = re.compile(r"\S*")


class Link(NamedTuple):
    """A link found in a text, and its character span there. (A named tuple: a batch makes one
    for every link in every post, and a frozen dataclass costs three times as much to make.)"""

    url: str
    start: int
    end: int


def find_links(text: str) -> list[Link]:
    links: list[Link] = []
    if _GATE.search(text) is None:
        return links
    for m in _matches(text):
        link = _trimmed(m)
        if link is not None:
            links.append(link)
    return links


def _trimmed(m: re.Match[str]) -> Link | None:
    """The match without the sentence punctuation after it; None if no dot is left."""
    url = m.group()
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return Link(url, m.start(), m.start() + len(url)) if "." in url else None


def _matches(text: str) -> Iterator[re.Match[str]]:
    """`_URL.finditer(text)`, run only over the words that can hold a link. The pattern starts
    with lookbehinds, so `re` tries it at every position of the text; a link never spans
    whitespace and every link has a dot, so only words with a dot are read (with `pos`, the
    lookbehinds still see the character before the word). Not even all of those: a word whose
    only dot ends it (`nhé.`, as most sentences end) cannot hold one, since a match holding
    that dot ends with it and `find_links` trims it off, leaving no dot."""
    backwards = ""
    pos = 0
    while (dot := _INNER_DOT.search(text, pos)) is not None:
        # The word around the dot, found in C both ways (backwards on the reversed text).
        # `\S*` always matches: the `or` is only there for the type checker.
        at = dot.start()
        forward = _WORD_REST.match(text, at) or dot
        backwards = backwards or text[::-1]
        back = _WORD_REST.match(backwards, len(text) - at) or dot
        yield from _URL.finditer(text, len(text) - back.end(), forward.end())
        pos = forward.end()
