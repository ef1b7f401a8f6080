"""The rule file as data: rules, their patterns and options, and the problems a lint finds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from verifyctl.i18n import Msg
from verifyctl.verdict import Verdict

Diacritics = Literal["auto", "strict", "folded"]
Case = Literal["any", "upper"]
Scope = Literal["post", "match"]


@dataclass(frozen=True, slots=True)
class Options:
    """Per-pattern options. Diacritics: `auto` also accepts a phrase typed without them (or
    without its tones), letter by letter, where the reading stays unambiguous: a phrase of
    three words or more, an element of a combination (its other elements are the context), an
    exclude; `strict` only as written; `folded` on any phrase of the pattern (folding is lossy
    in Vietnamese, mat: mát, mất, mật, mắt, mặt, so the lint allows it only on long phrases)."""

    diacritics: Diacritics = "auto"
    case: Case = "any"
    whole_word: bool = True
    scope: Scope = "post"  # excludes only: cancel the rule anywhere in the post, or one match


# The patterns and `Rule` are NamedTuples: as immutable as frozen dataclasses, but made in C
# (a frozen dataclass sets its fields one call at a time: 0.2 s of loading 100,000 rules).
class Phrases(NamedTuple):
    phrases: tuple[str, ...]
    options: Options
    line: int = 0


class Combination(NamedTuple):
    """Every element (a set of alternative phrases) within `within` words of the others."""

    elements: tuple[tuple[str, ...], ...]
    within: int
    options: Options
    line: int = 0


class Regex(NamedTuple):
    """A linear-time (RE2) regular expression, run on the normalised post like phrases."""

    regex: str
    options: Options
    line: int = 0


Pattern = Phrases | Combination | Regex


class Rule(NamedTuple):
    id: str
    rev: int
    title: Msg
    message: Msg
    advice: Msg
    category: str
    verdict: Verdict
    patterns: tuple[Pattern, ...]
    exclude: tuple[Pattern, ...] = ()
    teencode: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    line: int = 0
    # The verdict a match takes when the post also links somewhere that is not an official
    # source: an alarm, a deadline or a prize is a warning alone, a scam with such a link.
    with_link: Verdict | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """One lint finding at `line:col`; `blocking` problems stop the file from loading."""

    message: Msg
    line: int
    col: int
    blocking: bool = True


@dataclass(frozen=True, slots=True)
class RuleFile:
    schema: int
    version: str
    categories: dict[str, Msg]
    teencode: dict[str, str]
    retired: tuple[str, ...]
    rules: tuple[Rule, ...]
    problems: tuple[Problem, ...] = field(default=())
    keys: dict[str, str] = field(default_factory=dict)  # each phrase, normalised
    # Key-value entries in the document's mappings: in JSON, where a key given twice would
    # silently replace the first, the loader checks no key was lost (rules._read_json).
    entries: int = 0
