"""The rule file's schema: a parsed document in, rules and every problem (with line:col) out.

The document comes from the position-aware YAML loader (`YMap`/`YList`), or from JSON for
very large generated rule sets (plain dicts; positions are then recovered by re-reading the
file as YAML, only when there is a problem to report).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from verifyctl.i18n import Msg
from verifyctl.text.model import (
    Combination,
    Options,
    Pattern,
    Phrases,
    Problem,
    Regex,
    Rule,
    RuleFile,
)
from verifyctl.text.normalize import phrase_key
from verifyctl.verdict import Verdict

SCHEMA_VERSION = 1
MIN_PHRASE_CHARS = 3
MIN_FOLDED_WORDS = 3
MIN_EXAMPLES = 3
MAX_WITHIN = 50
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOP_KEYS = {"schema", "version", "categories", "teencode", "retired", "rules"}
_RULE_KEYS = {
    "id", "rev", "title", "message", "advice", "category", "verdict", "patterns", "exclude",
    "teencode", "references", "tests",
}
_OPTION_VALUES: dict[str, tuple[Any, ...]] = {
    "diacritics": ("strict", "folded"),
    "case": ("any", "upper"),
    "whole_word": (True, False),
    "scope": ("post", "match"),
}
# Constructs RE2 refuses anyway; named here so the error says why.
_NON_LINEAR = re.compile(r"\\[1-9]|\(\?<?[=!]|\(\?P=|\\k<")


def _at(container: Any, key: str | int) -> tuple[int, int]:
    at = getattr(container, "at", None)
    if at is None:
        return (0, 0)
    pos: tuple[int, int] = at(key)
    return pos


def _line(container: Any) -> int:
    pos: tuple[int, int] = getattr(container, "pos", (0, 0))
    return pos[0]


class _Lint:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, pos: tuple[int, int], message: str, blocking: bool = True) -> None:
        self.problems.append(Problem(message, pos[0], pos[1], blocking))


def parse(doc: Any, compile_regex: Callable[[str], str | None]) -> RuleFile:
    """Rules and problems from a parsed document. `compile_regex` returns RE2's complaint
    about a pattern, or None when it compiles."""
    lint = _Lint()
    if not isinstance(doc, dict):
        lint.add((1, 1), "the rule file must be a mapping with `schema`, `categories` and `rules`")
        return RuleFile(SCHEMA_VERSION, "", {}, {}, (), (), tuple(lint.problems))
    for key in doc:
        if key not in _TOP_KEYS:
            lint.add(_at(doc, key), f'unknown top-level key "{key}" (expected one of {", ".join(sorted(_TOP_KEYS))})')
    schema = doc.get("schema")
    if schema != SCHEMA_VERSION:
        lint.add(_at(doc, "schema"), f"`schema` must be {SCHEMA_VERSION} (the rule-file format version), got {schema!r}")
    version = str(doc.get("version", ""))
    categories = _categories(doc, lint)
    teencode = _teencode(doc, lint)
    retired = _strings(doc, "retired", lint)
    rules_doc = doc.get("rules")
    rules: list[Rule] = []
    if not isinstance(rules_doc, list) or not rules_doc:
        lint.add(_at(doc, "rules"), "`rules` must be a non-empty list")
    else:
        seen_ids: dict[str, int] = {}
        seen_phrases: dict[str, str] = {}
        for index, item in enumerate(rules_doc):
            rule = _rule(item, _at(rules_doc, index), categories, teencode, lint, compile_regex)
            if rule is None:
                continue
            if rule.id in seen_ids:
                lint.add(_at(item, "id"), f'duplicate rule id "{rule.id}" (first at line {seen_ids[rule.id]})')
            elif rule.id in retired:
                lint.add(_at(item, "id"), f'rule id "{rule.id}" is retired: ids are never reused, pick a new one')
            seen_ids.setdefault(rule.id, rule.line)
            _duplicate_phrases(rule, item, seen_phrases, lint)
            rules.append(rule)
    return RuleFile(SCHEMA_VERSION, version, categories, teencode, tuple(retired), tuple(rules), tuple(lint.problems))


def _categories(doc: Any, lint: _Lint) -> dict[str, Msg]:
    raw = doc.get("categories")
    out: dict[str, Msg] = {}
    if not isinstance(raw, dict) or not raw:
        lint.add(_at(doc, "categories"), "`categories` must map each category id to {vi, en} names")
        return out
    for key in raw:
        msg = _msg(raw, key, lint)
        if msg is not None:
            out[key] = msg
    return out


def _teencode(doc: Any, lint: _Lint) -> dict[str, str]:
    raw = doc.get("teencode", {})
    out: dict[str, str] = {}
    if not isinstance(raw, dict):
        lint.add(_at(doc, "teencode"), "`teencode` must map each abbreviation to what it stands for")
        return out
    for key, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            lint.add(_at(raw, key), f'teencode "{key}" must stand for a non-empty phrase')
            continue
        out[phrase_key(key)] = phrase_key(value)
    return out


def _strings(container: Any, key: str, lint: _Lint) -> list[str]:
    raw = container.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        lint.add(_at(container, key), f"`{key}` must be a list of non-empty strings")
        return []
    return list(raw)


def _msg(container: Any, key: str, lint: _Lint) -> Msg | None:
    raw = container.get(key)
    if not isinstance(raw, dict) or not all(isinstance(raw.get(lang), str) and raw[lang].strip() for lang in ("vi", "en")):
        lint.add(_at(container, key), f"`{key}` must have non-empty `vi` and `en` texts")
        return None
    extra = set(raw) - {"vi", "en"}
    if extra:
        lint.add(_at(raw, sorted(extra)[0]), f"`{key}` takes only `vi` and `en`")
    return Msg(raw["vi"].strip(), raw["en"].strip())


def _rule(
    item: Any,
    pos: tuple[int, int],
    categories: dict[str, Msg],
    teencode: dict[str, str],
    lint: _Lint,
    compile_regex: Callable[[str], str | None],
) -> Rule | None:
    if not isinstance(item, dict):
        lint.add(pos, "each rule must be a mapping")
        return None
    before = len(lint.problems)
    for key in item:
        if key not in _RULE_KEYS:
            lint.add(_at(item, key), f'unknown rule key "{key}" (expected one of {", ".join(sorted(_RULE_KEYS))})')
    rule_id = item.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        lint.add(_at(item, "id"), "`id` must be lower-case words joined by hyphens (e.g. scam-otp-request)")
        rule_id = ""
    rev = item.get("rev")
    if not isinstance(rev, int) or isinstance(rev, bool) or rev < 1:
        lint.add(_at(item, "rev"), "`rev` must be a whole number ≥ 1, raised on every change")
        rev = 1
    title, message, advice = (_msg(item, key, lint) for key in ("title", "message", "advice"))
    category = item.get("category")
    if category not in categories:
        lint.add(_at(item, "category"), f"`category` must be one of {', '.join(sorted(categories))}, got {category!r}")
    verdict = item.get("verdict")
    if verdict not in ("verify", "dont_share"):
        lint.add(_at(item, "verdict"), f"`verdict` must be verify or dont_share, got {verdict!r}")
    rule_teencode = _strings(item, "teencode", lint)
    for index, abbr in enumerate(rule_teencode):
        if phrase_key(abbr) not in teencode:
            lint.add(_at(item["teencode"], index), f'teencode "{abbr}" is not declared in the top-level `teencode`')
    patterns = _patterns(item, "patterns", lint, compile_regex, required=True)
    exclude = _patterns(item, "exclude", lint, compile_regex, required=False)
    references = _strings(item, "references", lint)
    match, no_match = _tests(item, lint)
    if len(lint.problems) > before and any(p.blocking for p in lint.problems[before:]):
        return None
    assert title and message and advice and isinstance(category, str) and isinstance(verdict, str)
    return Rule(
        id=rule_id, rev=rev, title=title, message=message, advice=advice, category=category,
        verdict=Verdict(verdict), patterns=tuple(patterns), exclude=tuple(exclude),
        teencode=tuple(phrase_key(a) for a in rule_teencode), references=tuple(references),
        match=tuple(match), no_match=tuple(no_match), line=pos[0],
    )


def _tests(item: Any, lint: _Lint) -> tuple[list[str], list[str]]:
    tests = item.get("tests")
    if not isinstance(tests, dict):
        lint.add(_at(item, "id"), f"rule has no `tests` (needs ≥ {MIN_EXAMPLES} `match` and ≥ {MIN_EXAMPLES} `no_match` examples)", blocking=False)
        return [], []
    out: list[list[str]] = []
    for key in ("match", "no_match"):
        examples = _strings(tests, key, lint)
        if len(examples) < MIN_EXAMPLES:
            lint.add(_at(tests, key) if key in tests else _at(item, "tests"), f"`tests.{key}` needs at least {MIN_EXAMPLES} examples, has {len(examples)}", blocking=False)
        out.append(examples)
    extra = set(tests) - {"match", "no_match"}
    if extra:
        lint.add(_at(tests, sorted(extra)[0]), "`tests` takes only `match` and `no_match`")
    return out[0], out[1]


def _patterns(
    item: Any, key: str, lint: _Lint, compile_regex: Callable[[str], str | None], required: bool
) -> list[Pattern]:
    raw = item.get(key)
    if raw is None and not required:
        return []
    if not isinstance(raw, list) or (required and not raw):
        lint.add(_at(item, key), f"`{key}` must be a list of patterns (phrase, all/within or regex)")
        return []
    out: list[Pattern] = []
    for index, entry in enumerate(raw):
        pattern = _pattern(entry, _at(raw, index), key == "exclude", lint, compile_regex)
        if pattern is not None:
            out.append(pattern)
    return out


def _pattern(
    entry: Any, pos: tuple[int, int], is_exclude: bool, lint: _Lint, compile_regex: Callable[[str], str | None]
) -> Pattern | None:
    if isinstance(entry, str):
        phrases = _phrase_list({"phrase": entry}, "phrase", Options(), lint, pos)
        return Phrases(phrases, Options(), pos[0]) if phrases else None
    if not isinstance(entry, dict):
        lint.add(pos, "a pattern is a phrase, or a mapping with `phrase`, `all` or `regex`")
        return None
    kinds = [k for k in ("phrase", "all", "regex") if k in entry]
    if len(kinds) != 1:
        lint.add(pos, "a pattern needs exactly one of `phrase`, `all` or `regex`")
        return None
    allowed = {kinds[0], "diacritics", "case", "whole_word"} | ({"within"} if kinds[0] == "all" else set())
    allowed |= {"scope"} if is_exclude else set()
    for key in entry:
        if key not in allowed:
            lint.add(_at(entry, key), f'unknown pattern option "{key}" (allowed here: {", ".join(sorted(allowed))})')
    values: dict[str, Any] = {}
    for name, choices in _OPTION_VALUES.items():
        if name in entry:
            if entry[name] not in choices:
                lint.add(_at(entry, name), f"`{name}` must be one of {', '.join(str(c).lower() for c in choices)}")
            else:
                values[name] = entry[name]
    options = Options(**values)
    line = pos[0]
    kind = kinds[0]
    if kind == "regex":
        regex = entry["regex"]
        if not isinstance(regex, str) or not regex:
            lint.add(_at(entry, "regex"), "`regex` must be a non-empty string")
            return None
        if _NON_LINEAR.search(regex):
            lint.add(_at(entry, "regex"), "backreferences and lookaround are not allowed: rules must run in linear time (RE2)")
            return None
        complaint = compile_regex(regex)
        if complaint is not None:
            lint.add(_at(entry, "regex"), f"regex refused by RE2 (only linear-time patterns are allowed): {complaint}")
            return None
        return Regex(regex, options, line)
    if kind == "phrase":
        phrases = _phrase_list(entry, "phrase", options, lint)
        return Phrases(phrases, options, line) if phrases else None
    raw = entry["all"]
    if not isinstance(raw, list) or len(raw) < 2:
        lint.add(_at(entry, "all"), "`all` needs at least two elements (each a phrase or a list of alternatives)")
        return None
    elements: list[tuple[str, ...]] = []
    for index, element in enumerate(raw):
        holder = {"phrase": element}
        phrases = _phrase_list(holder, "phrase", options, lint, _at(raw, index))
        if phrases:
            elements.append(phrases)
    within = entry.get("within")
    if not isinstance(within, int) or isinstance(within, bool) or not 1 <= within <= MAX_WITHIN:
        lint.add(_at(entry, "within") if "within" in entry else pos, f"`within` must be a number of words from 1 to {MAX_WITHIN}")
        return None
    if len(elements) != len(raw):
        return None
    return Combination(tuple(elements), within, options, line)


def _phrase_list(
    entry: Any, key: str, options: Options, lint: _Lint, pos: tuple[int, int] | None = None
) -> tuple[str, ...]:
    raw = entry[key]
    where = pos or _at(entry, key)
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items or not all(isinstance(p, str) for p in items):
        lint.add(where, "a phrase must be a string or a list of strings")
        return ()
    out: list[str] = []
    for index, phrase in enumerate(items):
        here = _at(raw, index) if isinstance(raw, list) and hasattr(raw, "at") else where
        key_text = phrase_key(phrase)
        if len(key_text.replace(" ", "")) < MIN_PHRASE_CHARS:
            lint.add(here, f'phrase "{phrase}" is too short (at least {MIN_PHRASE_CHARS} letters once normalised)')
            continue
        if options.diacritics == "folded" and len(key_text.split()) < MIN_FOLDED_WORDS:
            lint.add(here, f'phrase "{phrase}": folded diacritics need at least {MIN_FOLDED_WORDS} words (mat is mát, mất, mật, mắt, mặt)')
            continue
        out.append(phrase)
    return tuple(out)


def _duplicate_phrases(rule: Rule, item: Any, seen: dict[str, str], lint: _Lint) -> None:
    for pattern in rule.patterns:
        if not isinstance(pattern, Phrases):
            continue
        for phrase in pattern.phrases:
            key = f"{pattern.options.diacritics}:{pattern.options.case}:{phrase_key(phrase)}"
            owner = seen.get(key)
            if owner is not None:
                where = "this rule" if owner == rule.id else f'rule "{owner}"'
                lint.add((pattern.line, _at(item, "patterns")[1]), f'duplicate phrase "{phrase}" (already in {where})', blocking=False)
            seen.setdefault(key, rule.id)
