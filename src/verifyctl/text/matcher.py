"""Every rule at once: one Aho-Corasick pass over the deep form, one RE2 pass for the regexes
(shared with the normalisation gates), then word boundaries, case, combinations and excludes
are checked only where a pattern hit.

Word boundaries are checked with `str.isalnum`, which knows Vietnamese letters (most regex
engines' `\\b` is ASCII-only: `mật` would "end" inside `mậtong`). Where obfuscation joined
letters (`c h u y ể n k h o ả n`), the original text decides: a space there is a boundary.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from verifyctl.text import gates
from verifyctl.text.model import Combination, Options, Pattern, Phrases, Regex, Rule
from verifyctl.text.normalize import OLD_STYLE_KEYS, Mapped, base, deep, fold, phrase_keys

MAX_VARIANTS = 64
_SPACE = re.compile(" ")
_DOUBLE = re.compile(r"([bcdfghjklmnpqrstvwxz])\1")  # a doubled consonant: app, TTXVN
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Term:
    """One phrase of one pattern of one rule, as the automaton reports it."""

    rule: int
    clause: int  # index into the rule's patterns, then its excludes
    element: int  # which element of a combination; 0 for a plain phrase
    upper: bool
    whole_word: bool


@dataclass(frozen=True, slots=True)
class RuleHit:
    rule: Rule
    spans: tuple[Span, ...]  # original-text character offsets, sorted


def _variants(key: str, teencode: dict[str, str], allowed: Sequence[str]) -> set[str]:
    """The phrase, with each declared teencode abbreviation standing in for what it means,
    each also written without spaces (letter-spaced input loses its word gaps)."""
    found = _spellings(key, teencode, allowed)
    if _DOUBLE.search(key):  # `app` typed `appppp` normalises to `ap`
        found |= _spellings(_DOUBLE.sub(r"\1", key), teencode, allowed)
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


class Matcher:
    def __init__(self, rules: Sequence[Rule], teencode: dict[str, str], keys: dict[str, str] | None = None) -> None:
        import ahocorasick

        keys_of = dict(keys or {})
        missing = [p for rule in rules for c in (*rule.patterns, *rule.exclude) for p in _phrases(c) if p not in keys_of]
        keys_of.update(phrase_keys(missing))

        self.rules = tuple(rules)
        self.terms: list[Term] = []
        table: dict[str, list[int]] = defaultdict(list)
        self.regexes: list[tuple[int, int, Any, Options]] = []
        self.clauses: list[list[Pattern]] = []
        for r_index, rule in enumerate(self.rules):
            clauses = [*rule.patterns, *rule.exclude]
            self.clauses.append(clauses)
            for c_index, pattern in enumerate(clauses):
                if isinstance(pattern, Regex):
                    self.regexes.append((r_index, c_index, pattern.regex, pattern.options))
                    continue
                elements = (pattern.phrases,) if isinstance(pattern, Phrases) else pattern.elements
                folded = pattern.options.diacritics == "folded"
                for e_index, phrases in enumerate(elements):
                    term_id = len(self.terms)
                    self.terms.append(
                        Term(r_index, c_index, e_index, pattern.options.case == "upper", pattern.options.whole_word)
                    )
                    for phrase in phrases:
                        for variant in _variants(keys_of[phrase], teencode, rule.teencode):
                            table[variant].append(term_id)
                            if folded:  # also as typed without diacritics
                                table[fold(variant)].append(term_id)
        strict = [i for i, (_, _, _, o) in enumerate(self.regexes) if o.diacritics == "strict"]
        folded_regexes = [i for i, (_, _, _, o) in enumerate(self.regexes) if o.diacritics == "folded"]
        self.regex_groups = [(False, strict), (True, folded_regexes)]
        self.compiled = [compile_re2(regex) for _, _, regex, _ in self.regexes]
        self.prefilters = {folded: _regex_set([self.regexes[i][2] for i in chosen]) for folded, chosen in self.regex_groups if chosen}
        # The gates and the strict regexes share one RE2 pass over each post.
        self.scanner = gates.Scanner(OLD_STYLE_KEYS, [self.regexes[i][2] for i in strict])
        self.automaton: Any = None
        if table:
            self.automaton = ahocorasick.Automaton()
            for key, term_ids in table.items():
                unique = tuple(term_ids) if len(term_ids) == 1 else tuple(dict.fromkeys(term_ids))
                self.automaton.add_word(key, (len(key), unique))
            self.automaton.make_automaton()

    def find(self, text: str) -> list[RuleHit]:
        """Rules matching `text`, with the spans they matched (original offsets)."""
        deep_form = deep(base(text, self.scanner), self.scanner)
        by_clause: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)
        if self.automaton is not None:
            for end, (length, term_ids) in self.automaton.iter(deep_form.text):
                for term_id in term_ids:
                    term = self.terms[term_id]
                    by_clause[(term.rule, term.clause)].append((term_id, end - length + 1, end + 1))
        matched: dict[tuple[int, int], list[Span]] = {}
        for key, found in by_clause.items():
            pattern = self.clauses[key[0]][key[1]]
            if isinstance(pattern, Combination) and len({self.terms[t].element for t, _, _ in found}) < len(pattern.elements):
                continue  # some element never occurs: no need to look closer
            valid = [(self.terms[t].element, (s, e)) for t, s, e in found if self._valid(t, deep_form, text, s, e)]
            if isinstance(pattern, Combination):
                spans = _combinations(deep_form.text, valid, len(pattern.elements), pattern.within)
            else:
                spans = [span for _, span in valid]
            if spans:
                matched[key] = [deep_form.span(*span) for span in spans]
        for folded, chosen in self.regex_groups:
            if not chosen:
                continue
            haystack = fold(deep_form.text) if folded else deep_form.text
            if not folded and haystack == deep_form.scanned:
                candidates: tuple[int, ...] = deep_form.extra  # the gate pass already looked
            else:
                candidates = tuple(self.prefilters[folded].Match(haystack) or ())
            for index in candidates:
                r_index, c_index, _, options = self.regexes[chosen[index]]
                spans = list(_regex_spans(self.compiled[chosen[index]], options, deep_form, haystack, text))
                if spans:
                    matched[(r_index, c_index)] = spans
        return self._verdicts(matched) if matched else []

    def _valid(self, term_id: int, form: Mapped, original: str, start: int, end: int) -> bool:
        term = self.terms[term_id]
        if term.whole_word and not _bounded(form, original, start, end):
            return False
        return not term.upper or _upper(original, form.span(start, end))

    def _verdicts(self, matched: dict[tuple[int, int], list[Span]]) -> list[RuleHit]:
        by_rule: dict[int, dict[int, list[Span]]] = defaultdict(dict)
        for (r_index, c_index), spans in matched.items():
            by_rule[r_index][c_index] = spans
        out: list[RuleHit] = []
        for r_index in sorted(by_rule):
            rule = self.rules[r_index]
            clauses = by_rule[r_index]
            first_exclude = len(rule.patterns)
            positive = sorted({s for c, spans in clauses.items() if c < first_exclude for s in spans})
            if not positive:
                continue
            for c_index, spans in clauses.items():
                if c_index < first_exclude:
                    continue
                if self.clauses[r_index][c_index].options.scope == "post":
                    positive = []
                    break
                positive = [p for p in positive if not any(p[0] < e and s < p[1] for s, e in spans)]
            if positive:
                out.append(RuleHit(rule, _disjoint(positive)))
        return out


def _phrases(pattern: Pattern) -> Iterator[str]:
    if isinstance(pattern, Phrases):
        yield from pattern.phrases
    elif isinstance(pattern, Combination):
        for element in pattern.elements:
            yield from element


def _disjoint(spans: list[Span]) -> tuple[Span, ...]:
    """Spans in order, each one that overlaps the previous kept dropped (a combination often
    overlaps the phrases around it)."""
    kept: list[Span] = []
    for span in sorted(spans):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return tuple(kept)


def _bounded(form: Mapped, original: str, start: int, end: int) -> bool:
    text = form.text
    if start > 0 and text[start - 1].isalnum():
        origin = form.origin(start)
        if origin > 0 and original[origin - 1].isalnum():
            return False
    if end < len(text) and text[end].isalnum():
        origin = form.origin_end(end - 1)
        if origin < len(original) and original[origin].isalnum():
            return False
    return True


def _upper(original: str, span: Span) -> bool:
    letters = [c for c in original[span[0] : span[1]] if c.isalpha()]
    return bool(letters) and not any(c.islower() for c in letters)


def _combinations(text: str, found: list[tuple[int, Span]], n_elements: int, within: int) -> list[Span]:
    """Windows holding a hit of every element within `within` words: one sweep over the hits
    in word order (a post with thousands of hits stays linear)."""
    spaces = [m.start() for m in _SPACE.finditer(text)]
    located = sorted(
        (bisect_left(spaces, s), bisect_left(spaces, e - 1), element, (s, e)) for element, (s, e) in found
    )
    counts: dict[int, int] = {}
    out: list[Span] = []
    left = 0
    for right in range(len(located)):
        element = located[right][2]
        counts[element] = counts.get(element, 0) + 1
        while len(counts) == n_elements:
            # Hits are in word order: a window whose last start is already too far is skipped
            # before looking at its ends, so a window is only scanned when it is short.
            if located[right][0] - located[left][0] < within:
                window = located[left : right + 1]
                if max(w for _, w, _, _ in window) - located[left][0] + 1 <= within:
                    out.append((located[left][3][0], max(span[1] for _, _, _, span in window)))
            gone = located[left][2]
            counts[gone] -= 1
            if not counts[gone]:
                del counts[gone]
            left += 1
    return out


def _regex_spans(regex: Any, options: Options, form: Mapped, haystack: str, original: str) -> Iterator[Span]:
    for m in regex.finditer(haystack):
        start, end = m.span()
        if start == end:
            continue
        if options.whole_word and not _bounded(form, original, start, end):
            continue
        span = form.span(start, end)
        if options.case == "upper" and not _upper(original, span):
            continue
        yield span


def _regex_set(patterns: list[str]) -> Any:
    """One RE2 pass says which regexes match at all; only those are then run for spans."""
    import re2

    options = re2.Options()
    options.log_errors = False
    prefilter = re2.Set.SearchSet(options)
    for pattern in patterns:
        prefilter.Add(pattern)
    prefilter.Compile()
    return prefilter


def compile_re2(pattern: str) -> Any:
    import re2

    opts = re2.Options()
    opts.log_errors = False
    return re2.compile(pattern, options=opts)


def re2_complaint(pattern: str) -> str | None:
    """RE2's reason for refusing `pattern`, or None if it compiles."""
    import re2

    try:
        compile_re2(pattern)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        return detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
    return None
