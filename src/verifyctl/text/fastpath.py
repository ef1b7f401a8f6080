"""The common shape of a rule, as generated rule sets of 100,000 rules are made: plain phrases,
no excludes or teencode, enough tests or none. Such rules in a JSON file (plain dicts, so no
positions to report) are accepted here with the same checks as `schema`'s full ones, made a
block of rules at a time: each check is one pass in C (`map`, `set`, `all`) over the block
instead of a dozen Python steps per rule. A block with anything else, or anything wrong, is
left to the full checks rule by rule, which say what and where.

Also the lint's running state, which both share.
"""

from __future__ import annotations

import re
from itertools import chain, islice, repeat
from operator import itemgetter, sub
from typing import Any

from verifyctl.i18n import Msg
from verifyctl.text.model import Options, Phrases, Problem, Rule
from verifyctl.text.normalize import phrase_keys
from verifyctl.verdict import Verdict

MIN_PHRASE_CHARS = 3
MIN_EXAMPLES = 3
RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RULE_KEYS = {
    "id", "rev", "title", "message", "advice", "category", "verdict", "patterns", "exclude",
    "teencode", "references", "tests", "with_link",
}
VERDICTS = {"verify": Verdict.VERIFY, "dont_share": Verdict.DONT_SHARE}
NO_TESTS = Msg(
    f"quy tắc không có `tests` (cần ≥ {MIN_EXAMPLES} ví dụ `match` và ≥ {MIN_EXAMPLES} ví dụ `no_match`)",
    f"rule has no `tests` (needs ≥ {MIN_EXAMPLES} `match` and ≥ {MIN_EXAMPLES} `no_match` examples)",
)
DEFAULT_OPTIONS = Options()
BLOCK = 1000
_SIMPLE_KEYS = frozenset(RULE_KEYS - {"exclude", "teencode", "with_link"})
_TEST_KEYS = frozenset({"match", "no_match"})
# A plain mapping has no positions: every problem found here is at 0:0.
_NO_TESTS_HERE = Problem(NO_TESTS, 0, 0, blocking=False)
_STRING = {str}
_REQUIRED = itemgetter("id", "rev", "verdict", "category", "patterns", "title", "message", "advice")
_VI_EN = itemgetter("vi", "en")


class Lint:
    """What the checks found so far, and the phrases normalised so far (a batch at a time)."""

    def __init__(self, keys: dict[str, str]) -> None:
        self.problems: list[Problem] = []
        self.keys = keys
        self.entries = 0  # key-value entries of the document's mappings (see RuleFile.entries)

    def key(self, phrase: str) -> str:
        found = self.keys.get(phrase)
        if found is None:
            found = self.keys[phrase] = phrase_keys([phrase])[phrase]
        return found

    def add(self, pos: tuple[int, int], message: Msg, blocking: bool = True) -> None:
        self.problems.append(Problem(message, pos[0], pos[1], blocking))


def simple_block(
    items: list[Any],
    categories: dict[str, Msg],
    lint: Lint,
    seen_ids: dict[str, int],
    retired: set[str],
    seen_phrases: dict[tuple[str, str], dict[str, str]],
) -> list[Rule] | None:
    """The rules of `items` when every one has the common shape and no problem but missing
    tests; `seen_ids` and `seen_phrases` (by options: the first rule of each phrase) then
    take them in. None when any rule needs the full checks: then nothing has changed but
    the phrases normalised into `lint.keys`."""
    n = len(items)
    if not n or set(map(type, items)) != {dict} or not all(map(_SIMPLE_KEYS.issuperset, items)):
        return None
    try:
        ids, revs, verdicts, cats, patterns, *texts = zip(*map(_REQUIRED, items), strict=True)
    except KeyError:
        return None
    tests, references = _column(items, "tests"), _column(items, "references")
    if (
        set(map(type, ids)) != _STRING
        or not all(map(RULE_ID.match, ids))
        or set(map(type, revs)) != {int}
        or min(revs) < 1
        or set(map(type, verdicts)) != _STRING
        or not VERDICTS.keys() >= set(verdicts)
        or set(map(type, cats)) != _STRING
        or not categories.keys() >= set(cats)
        or set(map(type, patterns)) != {list}
        or min(map(len, patterns)) < 1
    ):
        return None
    msgs = [_texts(raws) for raws in texts]
    phrases = list(chain.from_iterable(patterns))
    if None in msgs or set(map(type, phrases)) != _STRING:
        return None
    lint.keys.update(phrase_keys(phrases))  # new to the file, as a rule's phrases are
    keys: list[Any] = list(map(lint.keys.__getitem__, phrases))
    if min(map(sub, map(len, keys), map(str.count, keys, repeat(" ")))) < MIN_PHRASE_CHARS:
        return None
    examples = _examples(tests)
    refs = _references(references)
    if examples is None or refs is None:
        return None
    owners = seen_phrases.setdefault((DEFAULT_OPTIONS.diacritics, DEFAULT_OPTIONS.case), {})
    if (
        len(set(ids)) < n
        or any(map(seen_ids.__contains__, ids))
        or any(map(retired.__contains__, ids))
        or len(set(keys)) < len(keys)
        or any(map(owners.__contains__, keys))
    ):
        return None  # the full checks name the duplicate
    seen_ids.update(dict.fromkeys(ids, 0))
    owners.update(zip(keys, chain.from_iterable(map(repeat, ids, map(len, patterns))), strict=True))
    with_tests = [t for t in tests if t is not None]
    lint.problems.extend(repeat(_NO_TESTS_HERE, n - len(with_tests)))
    # The rule's mapping, its three {vi, en} and its tests: every mapping this shape has.
    lint.entries += sum(map(len, items)) + 6 * n + sum(map(len, with_tests))
    found = map(tuple.__new__, repeat(Phrases), zip(zip(phrases), repeat(DEFAULT_OPTIONS), repeat(0), strict=False))
    grouped = zip(found) if len(phrases) == n else (tuple(islice(found, k)) for k in map(len, patterns))
    fields = (
        ids, revs, *msgs, cats, map(VERDICTS.__getitem__, verdicts), grouped, repeat(()), repeat(()),
        refs, *examples, repeat(0), repeat(None),
    )
    # Rule and Phrases are NamedTuples: each made straight from its row of fields, in C.
    return list(map(tuple.__new__, repeat(Rule), zip(*fields, strict=False)))


def simple_rule(item: Any, categories: dict[str, Msg], lint: Lint) -> Rule | None:
    """One rule of the common shape, for a block that needs the full checks for some other
    rule; None when this one needs them too."""
    if type(item) is not dict or not item.keys() <= _SIMPLE_KEYS:
        return None
    get = item.get
    rule_id, rev, verdict, category, patterns = get("id"), get("rev"), get("verdict"), get("category"), get("patterns")
    if (
        type(rule_id) is not str
        or type(rev) is not int
        or rev < 1
        or type(verdict) is not str
        or verdict not in VERDICTS
        or type(category) is not str
        or category not in categories
        or type(patterns) is not list
        or not patterns
        or not RULE_ID.match(rule_id)
    ):
        return None
    title, message, advice = _plain_msg(get("title")), _plain_msg(get("message")), _plain_msg(get("advice"))
    if title is None or message is None or advice is None:
        return None
    keys = lint.keys
    phrases = []
    for phrase in patterns:
        if type(phrase) is not str:
            return None
        key = keys.get(phrase)
        if key is None:
            key = lint.key(phrase)
        if len(key) - key.count(" ") < MIN_PHRASE_CHARS:
            return None
        phrases.append(Phrases((phrase,), DEFAULT_OPTIONS, 0))
    tests = get("tests")
    match: Any = ()
    no_match: Any = ()
    if tests is None:
        lint.problems.append(_NO_TESTS_HERE)
    else:
        if type(tests) is not dict or not tests.keys() <= _TEST_KEYS:
            return None
        match, no_match = tests.get("match"), tests.get("no_match")
        for examples in (match, no_match):
            if type(examples) is not list or len(examples) < MIN_EXAMPLES or not all([type(e) is str and e.strip() for e in examples]):
                return None
    references = get("references")
    if references is None:
        references = ()
    elif type(references) is not list or not all([type(r) is str and r.strip() for r in references]):
        return None
    # The rule's mapping, its three {vi, en} and its tests: every mapping this shape has.
    lint.entries += len(item) + 6 + (len(tests) if tests is not None else 0)
    # (positional: a hundred thousand calls with twelve keywords cost 40 ms more)
    return Rule(
        rule_id, rev, title, message, advice, category, VERDICTS[verdict], tuple(phrases), (), (),
        tuple(references), tuple(match), tuple(no_match), 0,
    )


def _plain_msg(raw: Any) -> Msg | None:
    if type(raw) is dict and len(raw) == 2:
        vi, en = raw.get("vi"), raw.get("en")
        if type(vi) is str and type(en) is str:
            vi, en = vi.strip(), en.strip()
            if vi and en:
                return Msg(vi, en)
    return None


def _column(rows: list[Any], key: str) -> list[Any]:
    """Each mapping's value at `key` (None where it has none)."""
    return list(map(dict.get, rows, repeat(key)))


def _texts(raws: tuple[Any, ...]) -> list[Msg] | None:
    """{vi, en} mappings as messages, or None if any is not exactly two non-empty texts."""
    if set(map(type, raws)) != {dict} or set(map(len, raws)) != {2}:
        return None
    try:
        vi, en = zip(*map(_VI_EN, raws), strict=True)
    except KeyError:
        return None
    if set(map(type, vi)) != _STRING or set(map(type, en)) != _STRING:
        return None
    vi, en = tuple(map(str.strip, vi)), tuple(map(str.strip, en))
    if not all(vi) or not all(en):
        return None
    return list(map(Msg, vi, en))


def _examples(tests: list[Any]) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]] | None:
    """Each rule's `match` and `no_match` (empty without tests), or None unless every rule
    with tests has only those two, each at least three non-empty texts."""
    given = [t for t in tests if t is not None]
    if not given:
        return [()] * len(tests), [()] * len(tests)
    if set(map(type, given)) != {dict} or not all(map(_TEST_KEYS.issuperset, given)):
        return None
    out: list[list[tuple[str, ...]]] = []
    for key in ("match", "no_match"):
        lists = _column(given, key)
        if set(map(type, lists)) != {list} or min(map(len, lists)) < MIN_EXAMPLES or not _texts_only(lists):
            return None
        found = iter(map(tuple, lists))
        out.append([() if t is None else next(found) for t in tests])
    return out[0], out[1]


def _references(references: list[Any]) -> list[tuple[str, ...]] | None:
    given = [r for r in references if r is not None]
    if given and (set(map(type, given)) != {list} or not _texts_only(given)):
        return None
    return [() if r is None else tuple(r) for r in references]


def _texts_only(lists: list[list[Any]]) -> bool:
    flat = list(chain.from_iterable(lists))
    return not flat or (set(map(type, flat)) == _STRING and all(map(str.strip, flat)))
