"""Links inside a post: with a scheme, `www.`, or a bare domain (`nhandan.vn/abc`), with the
character span of each so every one can be judged and shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Link:
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
    whitespace and every link has a dot, so the words without one are skipped unread (with
    `pos`, the lookbehinds still see the character before the word). So is a word whose only
    dot ends it (`nhé.`, most sentences end so): a match holding that dot ends with it, and
    `find_links` trims it off, leaving no dot."""
    end = 0
    for word in text.split():
        if "." not in word or word.find(".") == len(word) - 1:
            continue
        # A skipped word cannot contain this one (its dot would be that word's last character,
        # so this one's last too, and this one has a dot before its last): no false hit.
        start = text.find(word, end)
        end = start + len(word)
        yield from _URL.finditer(text, start, end)
