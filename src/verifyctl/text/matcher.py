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
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, itemgetter, ne
from typing import Any, NamedTuple

from verifyctl.text import gates
from verifyctl.text.model import Combination, Options, Pattern, Phrases, Regex, Rule
from verifyctl.text.normalize import (
    OLD_STYLE_KEYS,
    Mapped,
    base,
    deep,
    fold_lower,
    phrase_key,
    phrase_keys,
)
from verifyctl.text.spelling import DOUBLE, Spellings, fold_mode, spellings_of

_SPACE = re.compile(" ")
Span = tuple[int, int]


class Term(NamedTuple):
    """One phrase of one pattern of one rule, as the automaton reports it. (A NamedTuple, as
    `Rule`: one per rule in a large set, made in C.)"""

    rule: int
    clause: int  # index into the rule's patterns, then its excludes
    element: int  # which element of a combination; 0 for a plain phrase
    upper: bool
    whole_word: bool
    fold: int  # spelling.EXACT, ALIKE or LONG


@dataclass(frozen=True, slots=True)
class RuleHit:
    rule: Rule
    spans: tuple[Span, ...]  # original-text character offsets, sorted


# One element of one pattern: its term, its phrases, the rule's teencode.
_Element = tuple[int, tuple[str, ...], tuple[str, ...]]
# A run of rules of one strict phrase each: its first term, and each rule's phrase.
_Run = tuple[int, list[str]]
BLOCK = 1000


class Matcher:
    def __init__(self, rules: Sequence[Rule], teencode: dict[str, str], keys: dict[str, str] | None = None) -> None:
        self.rules = tuple(rules)
        self.terms: list[Term] = []
        self.regexes: list[tuple[int, int, Any, Options]] = []
        self.clauses: list[list[Pattern]] = []
        parts: list[_Run | list[_Element]] = []  # in rule order
        for start in range(0, len(self.rules), BLOCK):
            block = self.rules[start : start + BLOCK]
            run = self._run(block, start)
            parts.append(run if run is not None else self._elements(block, start))
        strict = [i for i, (_, _, _, o) in enumerate(self.regexes) if o.diacritics != "folded"]
        folded_regexes = [i for i, (_, _, _, o) in enumerate(self.regexes) if o.diacritics == "folded"]
        self.regex_groups = [(False, strict), (True, folded_regexes)]
        self.compiled = [compile_re2(regex) for _, _, regex, _ in self.regexes]
        self.prefilters = {folded: _regex_set([self.regexes[i][2] for i in chosen]) for folded, chosen in self.regex_groups if chosen}
        # The gates and the strict regexes share one RE2 pass over each post.
        self.scanner = gates.Scanner(OLD_STYLE_KEYS, [self.regexes[i][2] for i in strict])
        self.spellings = Spellings(self.terms, self.clauses, self.rules, teencode, keys or {})
        # Each term's (rule, clause), made once: the loop over a post's hits looks it up.
        self.clause_of = [(term.rule, term.clause) for term in self.terms]
        self.element_of = [term.element for term in self.terms]
        # The number of elements of each combination, by (rule, clause).
        self.elements = {
            (r, c): len(p.elements) for r, clauses in enumerate(self.clauses) for c, p in enumerate(clauses) if isinstance(p, Combination)
        }
        table = _table(parts, teencode, keys)
        self.automaton: Any = _automaton(table) if table else None

    def _run(self, block: tuple[Rule, ...], start: int) -> _Run | None:
        """Rules that are each one plain phrase with the same options (generated sets are made
        of them), taken in a few passes in C; None if any rule in `block` is not."""
        patterns = list(map(attrgetter("patterns"), block))
        if any(map(attrgetter("exclude"), block)) or any(map(attrgetter("teencode"), block)) or set(map(len, patterns)) != {1}:
            return None
        first = list(map(itemgetter(0), patterns))
        if set(map(type, first)) != {Phrases} or len(set(map(id, map(attrgetter("options"), first)))) != 1:
            return None
        options = first[0].options
        phrases = list(map(attrgetter("phrases"), first))
        if options.diacritics == "folded" or set(map(len, phrases)) != {1}:
            return None
        term = len(self.terms)
        self.clauses += map(list, patterns)
        # Term is a NamedTuple: each made straight from its row, in C.
        upper, whole_word = options.case == "upper", options.whole_word
        mode = fold_mode(options, False)
        rows = zip(range(start, start + len(block)), repeat(0), repeat(0), repeat(upper), repeat(whole_word), repeat(mode), strict=False)
        self.terms += map(tuple.__new__, repeat(Term), rows)
        return term, list(map(itemgetter(0), phrases))

    def _elements(self, block: tuple[Rule, ...], start: int) -> list[_Element]:
        elements: list[_Element] = []
        for r_index, rule in enumerate(block, start):
            clauses = [*rule.patterns, *rule.exclude] if rule.exclude else list(rule.patterns)
            self.clauses.append(clauses)
            n_patterns = len(rule.patterns)
            for c_index, pattern in enumerate(clauses):
                if isinstance(pattern, Regex):
                    self.regexes.append((r_index, c_index, pattern.regex, pattern.options))
                    continue
                options = pattern.options
                upper = options.case == "upper"
                if isinstance(pattern, Phrases):
                    mode = fold_mode(options, c_index >= n_patterns)
                    elements.append((len(self.terms), pattern.phrases, rule.teencode))
                    self.terms.append(Term(r_index, c_index, 0, upper, options.whole_word, mode))
                    continue
                mode = fold_mode(options, True)
                for e_index, phrases in enumerate(pattern.elements):
                    elements.append((len(self.terms), phrases, rule.teencode))
                    self.terms.append(Term(r_index, c_index, e_index, upper, options.whole_word, mode))
        return elements

    def find(self, text: str) -> list[RuleHit]:
        """Rules matching `text`, with the spans they matched (original offsets).

        An exclude only matters to a rule that matched, so excludes are looked at last and
        only for those rules: a post that merely says "khuyến cáo" never maps spans back."""
        form = deep(base(text, self.scanner), self.scanner)
        folded = fold_lower(form.text)
        by_clause: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        if self.automaton is not None:
            clause_of = self.clause_of
            for end, (length, term_ids) in self.automaton.iter(folded):
                for term_id in term_ids:
                    key = clause_of[term_id]
                    found = by_clause.get(key)
                    if found is None:
                        by_clause[key] = found = []
                    found.append((term_id, end - length + 1, end + 1))
        # Without folded regexes, the gate pass over this very text said which regexes occur.
        quiet = not self.regex_groups[1][1] and not form.extra and form.text == form.scanned
        regexes = [] if quiet else self._regex_candidates(form, folded)
        if not by_clause and not regexes:
            return []
        rules = self.rules
        matched: dict[tuple[int, int], list[Span]] = {}
        excludes: list[tuple[tuple[int, int], list[tuple[int, int, int]] | tuple[int, str]]] = []
        elements, element_of = self.elements, self.element_of
        for key, found in by_clause.items():
            need = elements.get(key)
            if need is not None and len({element_of[t] for t, _, _ in found}) < need:
                continue  # a combination with some element nowhere in the post
            if key[1] >= len(rules[key[0]].patterns):
                excludes.append((key, found))
            elif spans := self._phrase_spans(key, found, form, text):
                matched[key] = spans
        for key, regex in regexes:
            if key[1] >= len(rules[key[0]].patterns):
                excludes.append((key, regex))
            elif spans := self._regex_spans(regex, form, text):
                matched[key] = spans
        if not matched:
            return []
        positive = {r_index for r_index, _ in matched}
        for key, where in excludes:
            if key[0] not in positive:
                continue
            if isinstance(where, tuple):
                spans = self._regex_spans(where, form, text)
            else:
                spans = self._phrase_spans(key, where, form, text)
            if spans:
                matched[key] = spans
        return self._verdicts(matched)

    def _regex_candidates(self, form: Mapped, folded_text: str) -> list[tuple[tuple[int, int], tuple[int, str]]]:
        """The regexes the RE2 prefilter says occur in `form` (`folded_text` is it folded):
        their clause, and (the regex, the text it runs on)."""
        out: list[tuple[tuple[int, int], tuple[int, str]]] = []
        for folded, chosen in self.regex_groups:
            if not chosen:
                continue
            haystack = folded_text if folded else form.text
            if not folded and haystack == form.scanned:
                candidates: tuple[int, ...] = form.extra  # the gate pass already looked
            else:
                candidates = tuple(self.prefilters[folded].Match(haystack) or ())
            for index in candidates:
                r_index, c_index, _, _ = self.regexes[chosen[index]]
                out.append(((r_index, c_index), (chosen[index], haystack)))
        return out

    def _phrase_spans(self, key: tuple[int, int], found: list[tuple[int, int, int]], form: Mapped, text: str) -> list[Span]:
        pattern = self.clauses[key[0]][key[1]]
        terms = self.terms
        if isinstance(pattern, Combination) and len({terms[t].element for t, _, _ in found}) < len(pattern.elements):
            return []  # some element never occurs: no need to look closer
        valid = [(terms[t].element, (s, e)) for t, s, e in found if self._valid(t, form, text, s, e)]
        if isinstance(pattern, Combination):
            spans = _combinations(form.text, valid, len(pattern.elements), pattern.within)
        else:
            spans = [span for _, span in valid]
        return [form.span(*span) for span in spans]

    def _regex_spans(self, regex: tuple[int, str], form: Mapped, text: str) -> list[Span]:
        index, haystack = regex
        return list(_regex_spans(self.compiled[index], self.regexes[index][3], form, haystack, text))

    def _valid(self, term_id: int, form: Mapped, original: str, start: int, end: int) -> bool:
        term = self.terms[term_id]
        if not self.spellings.accepts(term_id, form.text[start:end]):
            return False
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


def _table(
    parts: list[_Run | list[_Element]], teencode: dict[str, str], keys: dict[str, str] | None
) -> dict[str, tuple[int, ...]]:
    """Every spelling of every phrase, with the terms it stands for, in order."""
    if keys is None:
        keys = phrase_keys(
            [p for part in parts for p in (part[1] if isinstance(part, tuple) else (p for e in part for p in e[1]))]
        )
    table: dict[str, tuple[int, ...]] = {}
    shared: dict[str, list[int]] = {}  # spellings of more than one term
    for part in parts:
        if isinstance(part, tuple):
            first, phrases = part
            if _add_run(table, first, phrases, keys):
                continue
            part = [(term, (phrase,), ()) for term, phrase in enumerate(phrases, first)]
        _add_elements(table, shared, part, keys, teencode)
    for variant, term_ids in shared.items():
        table[variant] = tuple(dict.fromkeys(term_ids))
    return table


def _add_run(table: dict[str, tuple[int, ...]], first: int, phrases: list[str], keys: dict[str, str]) -> bool:
    """A run's spellings in a few passes in C, when none is another's or already in `table`:
    then the order they go in cannot matter. False, with `table` unchanged, if any is (or a
    phrase has no key): the caller then adds them one by one."""
    found: list[Any] = list(map(keys.get, phrases))
    if None in found:
        return False
    joined = list(map(str.replace, found, repeat(" "), repeat("")))
    ids = list(zip(range(first, first + len(phrases))))  # one tuple for all of a term's spellings
    spaced = list(map(ne, joined, found))
    variants = found + list(compress(joined, spaced))
    owners = ids + list(compress(ids, spaced))
    for index in compress(range(len(found)), map(DOUBLE.search, found)):  # a few: more spellings
        more = spellings_of(found[index], {}, ()) - {found[index], joined[index]}
        variants += more
        owners += [ids[index]] * len(more)
    variants = _folded(variants)
    if len(set(variants)) < len(variants) or any(map(table.__contains__, variants)):
        return False
    table.update(zip(variants, owners, strict=True))
    return True


def _folded(spellings: list[str]) -> list[str]:
    """Each spelling folded, in one call for all (a large rule set has hundreds of
    thousands); the automaton runs on the folded post."""
    joined = fold_lower("\x00".join(spellings)).split("\x00")
    return joined if len(joined) == len(spellings) else list(map(fold_lower, spellings))


def _add_elements(
    table: dict[str, tuple[int, ...]], shared: dict[str, list[int]], elements: list[_Element], keys: dict[str, str], teencode: dict[str, str]
) -> None:
    claim = table.setdefault
    double = DOUBLE.search
    for term_id, phrases, abbreviations in elements:
        ids = (term_id,)  # one tuple for all the term's spellings
        for phrase in phrases:
            key = keys.get(phrase)
            if key is None:  # not in the file's keys: normalised on its own, the same way
                key = phrase_key(phrase)
            variants: Iterable[str]
            if abbreviations or double(key):
                variants = spellings_of(key, teencode, abbreviations)
            else:
                joined = key.replace(" ", "")
                variants = (key, joined) if joined != key else (key,)
            for variant in map(fold_lower, variants):
                found = claim(variant, ids)
                if found is not ids:
                    shared.setdefault(variant, list(found)).append(term_id)


def _automaton(table: dict[str, tuple[int, ...]]) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    # Each spelling with (its length, its terms), added in one loop that stays in C.
    deque(map(automaton.add_word, table, zip(map(len, table), table.values(), strict=True)), maxlen=0)
    automaton.make_automaton()
    return automaton


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
