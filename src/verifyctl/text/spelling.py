"""How a phrase may be written in a post: its spellings (teencode, without spaces, a doubled
consonant typed once), and how a hit of the automaton is held against them.

The automaton reads the post with its diacritics folded (`normalize.fold_lower`), so it finds
`chuyen khoan`, `chuyển khoản` and `chuyen khoản` alike; each hit is then checked against the
phrase as the rule writes it, by the term's fold mode:

- EXACT (`diacritics: strict`): only as written;
- ALIKE: each letter as written, without its diacritics, or without only its tone
  (`normalize.typed_alike`); a letter with other diacritics is another word;
- LONG (`auto` on a plain phrase): ALIKE for a phrase of MIN_FOLD_WORDS words or more, EXACT
  for a shorter one (`gap` is gấp or gặp: three words fix the reading, one does not).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from verifyctl.text.model import Combination, Options, Pattern, Phrases, Rule
from verifyctl.text.normalize import fold_lower, phrase_key, typed_alike

MAX_VARIANTS = 64
EXACT = 0
ALIKE = 1
LONG = 2
MIN_FOLD_WORDS = 3
DOUBLE = re.compile(r"([bcdfghjklmnpqrstvwxz])\1")  # a doubled consonant: app, TTXVN


class TermLike(Protocol):
    @property
    def rule(self) -> int: ...
    @property
    def clause(self) -> int: ...
    @property
    def element(self) -> int: ...
    @property
    def fold(self) -> int: ...


def fold_mode(options: Options, context: bool) -> int:
    """A term's EXACT, ALIKE or LONG. `context`: an element of a combination (its other
    elements fix the reading of a short phrase) or an exclude (folding one only cancels)."""
    if options.diacritics == "strict":
        return EXACT
    if options.diacritics == "folded" or context:
        return ALIKE
    return LONG


def spellings_of(key: str, teencode: dict[str, str], allowed: Sequence[str]) -> set[str]:
    """The phrase, with each declared teencode abbreviation standing in for what it means,
    each also written without spaces (letter-spaced input loses its word gaps)."""
    found = _spellings(key, teencode, allowed)
    if DOUBLE.search(key):  # `app` typed `appppp` normalises to `ap`
        found |= _spellings(DOUBLE.sub(r"\1", key), teencode, allowed)
    return found


def _spellings(key: str, teencode: dict[str, str], allowed: Sequence[str]) -> set[str]:
    if not allowed:
        return {key, key.replace(" ", "")}
    tokens = key.split()
    subs = [(abbr.split(), teencode[abbr].split()) for abbr in allowed if abbr in teencode]
    found: set[str] = set()

    def walk(i: int, acc: list[str]) -> None:
        if len(found) >= MAX_VARIANTS:
            return
        if i == len(tokens):
            found.add(" ".join(acc))
            return
        walk(i + 1, [*acc, tokens[i]])
        for abbr, expansion in subs:
            if tokens[i : i + len(expansion)] == expansion:
                walk(i + len(expansion), acc + abbr)

    walk(0, [])
    return found | {v.replace(" ", "") for v in found}


class Spellings:
    """Each term's spellings, worked out on its first hit (a set of 100,000 rules never needs
    most of them), by their folded form: what the automaton found."""

    def __init__(
        self,
        terms: Sequence[TermLike],
        clauses: Sequence[Sequence[Pattern]],
        rules: Sequence[Rule],
        teencode: dict[str, str],
        keys: dict[str, str],
    ) -> None:
        self.terms, self.clauses, self.rules = terms, clauses, rules
        self.teencode, self.keys = teencode, keys
        self._by_term: dict[int, dict[str, list[tuple[str, int]]]] = {}

    def accepts(self, term_id: int, typed: str) -> bool:
        """Whether `typed` (the normal form at a hit of the folded automaton) spells one of
        the term's phrases in a way its fold mode accepts."""
        mode = self.terms[term_id].fold
        folded = fold_lower(typed)
        if mode == ALIKE and folded == typed:
            return True  # typed bare: the automaton matched this term's phrase folded
        by_fold = self._by_term.get(term_id)
        if by_fold is None:
            by_fold = self._by_term[term_id] = self._spell(self.terms[term_id])
        for spelling, words in by_fold.get(folded, ()):
            if typed == spelling:
                return True
            if mode != EXACT and (mode == ALIKE or words >= MIN_FOLD_WORDS) and typed_alike(typed, spelling):
                return True
        return False

    def _spell(self, term: TermLike) -> dict[str, list[tuple[str, int]]]:
        """The term's spellings, each with the number of words of its phrase."""
        pattern = self.clauses[term.rule][term.clause]
        phrases: tuple[str, ...] = ()
        if isinstance(pattern, Phrases):
            phrases = pattern.phrases
        elif isinstance(pattern, Combination):
            phrases = pattern.elements[term.element]
        abbreviations = self.rules[term.rule].teencode
        out: dict[str, list[tuple[str, int]]] = {}
        for phrase in phrases:
            key = self.keys.get(phrase)
            if key is None:
                key = phrase_key(phrase)
            words = key.count(" ") + 1
            for spelling in spellings_of(key, self.teencode, abbreviations):
                out.setdefault(fold_lower(spelling), []).append((spelling, words))
        return out
