"""The development corpus (`tests/text/corpus/`) read and scored: recall per scam family and
false positives per kind of clean text, in each spelling, for the tuning and held-out parts.

Shared by `test_text_corpus.py` (which asserts the targets of issue 15) and
`benchmarks/bench_text_accuracy.py` (which prints the figures). Every message is judged by
`Engine.check_text`, the function `verifyctl check --as text` calls, with the shipped data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from verifyctl.engine import Engine
from verifyctl.verdict import Result, Verdict

CORPUS = Path(__file__).resolve().parent / "corpus"
SPLITS = ("tuning", "heldout")
SCAM_CATEGORIES = {"scam", "impersonation"}
_WORD = re.compile(r"\S+")
_MARKS = re.compile("[\u0300-\u036f]")
# Hat, breve and horn vowels written with a diaeresis, as in `Chi cän 20 phut möi ngäy`.
_LOOKALIKE = str.maketrans({"â": "ä", "ă": "ä", "ê": "ë", "ô": "ö", "ơ": "ö", "ư": "ü", "Â": "Ä", "Ă": "Ä", "Ô": "Ö", "Ơ": "Ö", "Ư": "Ü", "Ê": "Ë"})
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def read(split: str) -> dict[str, list[str]]:
    """Messages by file stem (`scam-task-job`, `clean-advert`, …) of one part."""
    out: dict[str, list[str]] = {}
    for path in sorted((CORPUS / split).glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out[path.stem] = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return out


def unaccented(text: str) -> str:
    """`text` as typed without any diacritics."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).replace("đ", "d").replace("Đ", "D")


def _toneless(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


def _leet(word: str) -> str:
    for plain, leet in (("o", "0"), ("O", "0"), ("i", "!"), ("I", "!")):
        index = word.find(plain, 1)
        if 0 < index < len(word) - 1:
            return word[:index] + leet + word[index + 1 :]
    return word


def obfuscated(text: str) -> str:
    """`text` the way scam texts mix spellings, word by word in turn: without diacritics,
    with look-alike vowels and no tones (`cän`, `möi`), with leetspeak (`kh0ng`, `d!eu`).
    Links and numbers are left alone."""
    counter = iter(range(1 << 30))

    def one(m: re.Match[str]) -> str:
        word = m.group()
        if not any(c.isalpha() for c in word) or "." in word or "/" in word or "@" in word:
            return word
        turn = next(counter) % 3
        if turn == 0:
            return unaccented(word)
        if turn == 1:
            return _toneless(word).translate(_LOOKALIKE)
        return _leet(word)

    return _WORD.sub(one, text)


SPELLINGS: dict[str, Callable[[str], str]] = {"accented": lambda t: t, "unaccented": unaccented, "obfuscated": obfuscated}


@dataclass
class Score:
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def add(self, hit: bool, text: str) -> None:
        self.total += 1
        self.hits += hit
        if not hit:
            self.misses.append(text)


def scam_caught(result: Result) -> bool:
    """`dont_share`, or a scam or impersonation rule (issue 15's measure of recall)."""
    return result.verdict is Verdict.DONT_SHARE or any(
        r.code == "rule_match" and r.fields.get("category") in SCAM_CATEGORIES for r in result.reasons
    )


def any_rule(result: Result) -> bool:
    return any(r.code == "rule_match" for r in result.reasons)


def rule_dont_share(result: Result) -> bool:
    return any(r.code == "rule_match" and r.verdict is Verdict.DONT_SHARE for r in result.reasons)


def personal_rule(result: Result) -> bool:
    return any(r.code == "rule_match" and r.fields.get("category") == "personal-data" for r in result.reasons)


@dataclass
class Report:
    """Per part: recall by (family, spelling), false positives by (kind, spelling)."""

    recall: dict[tuple[str, str], Score] = field(default_factory=dict)
    any_rule: dict[tuple[str, str], Score] = field(default_factory=dict)
    rule_dont_share: dict[tuple[str, str], Score] = field(default_factory=dict)


def evaluate(split: str, engine: Engine | None = None, extra_clean: dict[str, list[str]] | None = None) -> Report:
    """Score one part of the corpus (and any `extra_clean` texts, such as VLSP sentences)."""
    engine = engine or Engine()
    report = Report()
    clean = {k.removeprefix("clean-"): v for k, v in read(split).items() if k.startswith("clean-")}
    clean.update(extra_clean or {})
    for name, messages in read(split).items():
        if name.startswith("clean-"):
            continue
        family = name.removeprefix("scam-")
        judge = personal_rule if name.startswith("exposed-") else scam_caught
        for spelling, spell in SPELLINGS.items():
            score = report.recall.setdefault((family, spelling), Score())
            for message in messages:
                text = spell(message)
                score.add(judge(engine.check_text(text)), text)
    for kind, messages in clean.items():
        for spelling, spell in SPELLINGS.items():
            if spelling == "obfuscated":
                continue  # ordinary messages are not obfuscated
            flagged = report.any_rule.setdefault((kind, spelling), Score())
            blocked = report.rule_dont_share.setdefault((kind, spelling), Score())
            for message in messages:
                text = spell(message)
                result = engine.check_text(text)
                flagged.add(not any_rule(result), text)
                blocked.add(not rule_dont_share(result), text)
    return report
