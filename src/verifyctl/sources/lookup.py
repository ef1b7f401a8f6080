"""Finding a source by what a person types: its id, a host or URL, its name or an alias
(case and Vietnamese diacritics ignored), and the closest ids when nothing matches."""

from __future__ import annotations

import unicodedata

from verifyctl.sources.model import Source, SourceList

SUGGESTIONS = 3
# WRatio's 0-100 score below which a label is too far from the query to be worth naming.
MIN_SCORE = 60


def fold(text: str) -> str:
    """Lower case, no diacritics (đ as d), single spaces: 'Nhân Dân' and 'nhan  dan' meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def labels(source: Source) -> list[str]:
    return [source.id, source.name, source.name_en, *source.aliases]


def by_name(sources: SourceList, query: str) -> Source | None:
    wanted = fold(query)
    for source in sources.sources:
        if any(fold(label) == wanted for label in labels(source)):
            return source
    return None


def closest_ids(sources: SourceList, query: str) -> list[str]:
    """Up to `SUGGESTIONS` ids whose id, name or alias is nearest to `query` (rapidfuzz)."""
    from rapidfuzz import fuzz, process, utils

    choices: list[str] = []
    owners: list[str] = []
    for source in sources.sources:
        for label in labels(source):
            choices.append(fold(label))
            owners.append(source.id)
    found: list[str] = []
    for _, _score, index in process.extract(
        fold(query), choices, scorer=fuzz.WRatio, processor=utils.default_process,
        limit=SUGGESTIONS * 4, score_cutoff=MIN_SCORE,
    ):
        if owners[index] not in found:
            found.append(owners[index])
        if len(found) == SUGGESTIONS:
            break
    return found
