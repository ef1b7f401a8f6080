"""Loading large JSON rule files: duplicate keys found without a hook on every object, and the
fast path for the common rule shape giving exactly what the full checks give."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifyctl.errors import DataFileError
from verifyctl.text.matcher import re2_complaint
from verifyctl.text.rules import _no_key_lost, lint_rules, load_rules
from verifyctl.text.schema import _entries, parse

TARGET = "@@target@@"


def simple_rule(n: int, **extra: Any) -> dict[str, Any]:
    rule = {
        "id": f"fruit-{n}",
        "rev": 1,
        "title": {"vi": f"Quy tắc {n}", "en": f"Rule {n}"},
        "message": {"vi": "Thông điệp", "en": "Message"},
        "advice": {"vi": "Lời khuyên", "en": "Advice"},
        "category": "scam",
        "verdict": "verify",
        "patterns": [f"quả táo vàng số {n}"],
        "tests": {"match": ["a", "b", "c"], "no_match": ["d", "e", "f"]},
    }
    rule.update(extra)
    return rule


def document(rules: int = 5) -> dict[str, Any]:
    return {
        "schema": 1,
        "version": "t",
        "categories": {"scam": {"vi": "Lừa đảo", "en": "Scam"}},
        "rules": [simple_rule(n) for n in range(rules)],
    }


def with_duplicate(doc: dict[str, Any], path: tuple[Any, ...], indent: int | None) -> tuple[str, int]:
    """`doc` as JSON text with the key at `path` given twice (the first time just before the
    real one), and the line of the second one: the one a reader must refuse."""
    holder = doc
    for step in path[:-1]:
        holder = holder[step]
    value = holder[path[-1]]
    holder[path[-1]] = TARGET
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(doc, ensure_ascii=False, indent=indent, separators=separators)
    at = text.index(json.dumps(TARGET))
    key_at = text.rindex(json.dumps(path[-1]), 0, at)
    copy_of_pair = text[key_at:at] + json.dumps(value, ensure_ascii=False) + ","
    copy_of_pair += "\n" if indent else ""
    text = text[:key_at] + copy_of_pair + text[key_at:]
    text = text.replace(json.dumps(TARGET), json.dumps(value, ensure_ascii=False))
    return text, text.count("\n", 0, key_at + len(copy_of_pair)) + 1


# Every level a key can repeat at: the top, a category and its names, a rule, its title, its
# tests, a pattern's options, and a rule deep in the list.
PLACES = [
    ("schema",),
    ("categories", "scam"),
    ("categories", "scam", "en"),
    ("rules", 0, "verdict"),
    ("rules", 3, "title", "vi"),
    ("rules", 2, "tests", "no_match"),
    ("rules", 1, "patterns", 0, "within"),
    ("rules", 4, "id"),
]

# What else the file holds decides how the duplicate is found: the plain count, the count of
# colons after a quote or a space (texts with `https:`), or the exact check object by object
# (a text holding `": ` itself).
VARIANTS = {
    "plain": lambda doc: None,
    "colons in texts": lambda doc: doc["rules"][4].update(references=["https://example.vn/a: b"]),
    "quoted colon in a text": lambda doc: doc["rules"][3]["message"].update(en='He said "pay": now'),
}


def prepared(variant: str) -> dict[str, Any]:
    doc = document()
    doc["rules"][1]["patterns"] = [{"all": ["quả táo", "vàng"], "within": 3}]
    VARIANTS[variant](doc)
    return doc


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("place", PLACES, ids=lambda p: "/".join(map(str, p)))
@pytest.mark.parametrize("indent", [1, None], ids=["indented", "one-line"])
def test_a_key_given_twice_is_refused_with_its_line(
    tmp_path: Path, variant: str, place: tuple[Any, ...], indent: int | None
) -> None:
    text, line = with_duplicate(prepared(variant), place, indent)
    path = tmp_path / "rules.json"
    path.write_text(text, encoding="utf-8")
    for read in (load_rules, lint_rules):
        with pytest.raises(DataFileError) as info:
            read(path)
        message = info.value.line("en")
        assert message.startswith(f"{path}:{line}:"), message
        assert f'duplicate key "{place[-1]}"' in message


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("indent", [1, None], ids=["indented", "one-line"])
def test_the_same_files_without_the_duplicate_load(tmp_path: Path, variant: str, indent: int | None) -> None:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(prepared(variant), ensure_ascii=False, indent=indent), encoding="utf-8")
    ruleset = load_rules(path)
    assert [rule.id for rule in ruleset.rules] == [f"fruit-{n}" for n in range(5)]
    assert [hit.rule.id for hit in ruleset.find("có quả táo vàng số 3 đây")] == ["fruit-1", "fruit-3"]


def _pairs_json(node: Any) -> str:
    """JSON written by hand, so an object may hold a key twice (a list of pairs stands for an
    object); spacing around colons varies as people and tools write it."""
    if isinstance(node, tuple):
        spacing, pairs = node
        return "{" + ",".join(json.dumps(k) + spacing + _pairs_json(v) for k, v in pairs) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(_pairs_json(v) for v in node) + "]"
    return json.dumps(node, ensure_ascii=False)


texts = st.lists(st.sampled_from(["a", ":", '"', " ", "\\", "\n", "ệ", '":', " :"]), max_size=4).map("".join)
keys = st.sampled_from(["a", "b", "c:", 'd"', " e"])
spacings = st.sampled_from([":", ": ", " : ", "\n:\t", "\r\n:"])
values = st.recursive(
    texts | st.integers(0, 9),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(spacings, st.lists(st.tuples(keys, inner), max_size=4)),
    max_leaves=12,
)


def _has_duplicate(node: Any) -> bool:
    if isinstance(node, tuple):
        names = [k for k, _ in node[1]]
        return len(set(names)) < len(names) or any(_has_duplicate(v) for _, v in node[1])
    if isinstance(node, list):
        return any(_has_duplicate(v) for v in node)
    return False


@given(st.tuples(spacings, st.lists(st.tuples(keys, values), max_size=5)))
def test_counting_never_misses_a_duplicate(node: Any) -> None:
    text = _pairs_json(node)
    if _has_duplicate(node):
        assert not _no_key_lost(text, _entries(json.loads(text)))


def _strings(node: Any) -> list[str]:
    if isinstance(node, tuple):
        return [s for k, v in node[1] for s in (k, *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [node] if isinstance(node, str) else []


@given(st.tuples(spacings, st.lists(st.tuples(keys, values), max_size=5)))
def test_without_duplicates_counting_is_enough_unless_a_text_looks_like_a_key(node: Any) -> None:
    text = _pairs_json(node)
    looks_like_a_key = any('":' in s or " :" in s or s.startswith(":") for s in _strings(node))
    if not _has_duplicate(node) and not looks_like_a_key:
        assert _no_key_lost(text, _entries(json.loads(text)))


class _Positioned(dict[str, Any]):
    """A mapping that is not a plain dict, as the YAML reader's are: the fast path leaves it
    to the full checks."""


def _no_fast_path(node: Any) -> Any:
    if isinstance(node, dict):
        return _Positioned({k: _no_fast_path(v) for k, v in node.items()})
    if isinstance(node, list):
        return [_no_fast_path(v) for v in node]
    return node


SHAPES = {
    "plain": {},
    "no tests": {"tests": None},
    "tests left out": {"tests": "drop"},
    "too few examples": {"tests": {"match": ["a"], "no_match": ["d", "e", "f"]}},
    "references": {"references": ["https://example.vn", "sách"]},
    "empty reference": {"references": [""]},
    "references not a list": {"references": ""},
    "padded texts": {"title": {"vi": "  Tiêu đề ", "en": " Title  "}},
    "blank text": {"message": {"vi": " ", "en": "Message"}},
    "third language": {"advice": {"vi": "a", "en": "b", "fr": "c"}},
    "two phrases": {"patterns": ["quả táo vàng", "QUẢ  TÁO VÀNG"]},
    "short phrase": {"patterns": ["ab"]},
    "no patterns": {"patterns": []},
    "phrase not text": {"patterns": [3]},
    "option": {"patterns": [{"phrase": "quả táo vàng", "case": "upper"}]},
    "rev zero": {"rev": 0},
    "rev true": {"rev": True},
    "rev text": {"rev": "1"},
    "bad id": {"id": "Fruit"},
    "id a list": {"id": ["fruit"]},
    "verdict a list": {"verdict": ["verify"]},
    "unknown verdict": {"verdict": "share"},
    "category a list": {"category": ["scam"]},
    "unknown category": {"category": "spam"},
    "unknown key": {"severity": "high"},
    "teencode": {"teencode": ["ck"]},
    "exclude": {"exclude": ["cảnh báo"]},
    "dont_share": {"verdict": "dont_share"},
}


@pytest.mark.parametrize("shape", SHAPES)
def test_the_fast_path_gives_what_the_full_checks_give(shape: str) -> None:
    doc = document(3)
    doc["teencode"] = {"ck": "chuyển khoản"}
    rule = doc["rules"][1]
    for key, value in SHAPES[shape].items():
        if value == "drop":
            del rule[key]
        else:
            rule[key] = copy.deepcopy(value)
    fast = parse(doc, re2_complaint)
    full = parse(_no_fast_path(doc), re2_complaint)
    assert fast.rules == full.rules
    assert fast.problems == full.problems
    assert fast.keys == full.keys
    assert fast.entries == full.entries == _entries(doc)


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [("verdict", ["verify"], "`verdict` must be"), ("category", ["scam"], "`category` must be one of")],
)
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_list_where_a_name_belongs_is_refused_not_a_crash(
    tmp_path: Path, field: str, value: Any, fragment: str, suffix: str
) -> None:
    doc = document(2)
    doc["rules"][1][field] = value
    path = tmp_path / f"rules{suffix}"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_rules(path)
    message = info.value.line("en")
    line = int(message.split(":")[1])
    assert fragment in message and f'"{field}"' in path.read_text(encoding="utf-8").splitlines()[line - 1]


def test_blocks_of_the_common_shape_give_what_rule_by_rule_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Over several blocks, one of them with a rule that needs the full checks, and phrases
    whose spellings collide (`táo vàng` written without its space is another rule's phrase)
    or that have more spellings (a doubled consonant): the rules, problems, terms, automaton
    and matches are those of the one-by-one paths."""
    from verifyctl.text import fastpath, matcher, schema

    doc = document(2500)
    doc["rules"][1700]["exclude"] = ["cảnh báo"]
    doc["rules"][10]["patterns"] = ["táovàng"]
    doc["rules"][11]["patterns"] = ["táo vàng"]
    doc["rules"][12]["patterns"] = ["tải app ngay"]
    doc["rules"][2100]["patterns"] = ["cài app mới"]
    del doc["rules"][13]["tests"]
    fast = parse(doc, re2_complaint)
    fast_matcher = matcher.Matcher(fast.rules, fast.teencode, fast.keys)
    runs: list[bool] = []
    real_run = matcher.Matcher._run
    monkeypatch.setattr(matcher.Matcher, "_run", lambda self, block, start: runs.append(True) or real_run(self, block, start))
    assert matcher.Matcher(fast.rules, fast.teencode, fast.keys).automaton is not None and len(runs) == 3
    monkeypatch.setattr(schema, "simple_block", lambda *args: None)
    monkeypatch.setattr(fastpath, "simple_block", lambda *args: None)
    monkeypatch.setattr(matcher.Matcher, "_run", lambda self, block, start: None)
    slow = parse(doc, re2_complaint)
    slow_matcher = matcher.Matcher(slow.rules, slow.teencode, slow.keys)
    assert fast.rules == slow.rules and fast.problems == slow.problems and fast.entries == slow.entries
    assert fast_matcher.terms == slow_matcher.terms
    assert fast_matcher.clauses == slow_matcher.clauses
    assert sorted(fast_matcher.automaton.items()) == sorted(slow_matcher.automaton.items())
    texts = ["có quả táo vàng số 1999 đây", "t á o v à n g", "tải appp ngay", "c à i a p p m ớ i", "quả táo vàng số 1700, cảnh báo"]
    for text in texts:
        assert fast_matcher.find(text) == slow_matcher.find(text)
    assert all(fast_matcher.find(text) for text in texts[:4])


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_number_where_a_combination_belongs_is_refused_not_a_crash(tmp_path: Path, suffix: str) -> None:
    doc = document(2)
    doc["rules"][1]["patterns"] = [{"all": 5, "within": 3}]
    path = tmp_path / f"rules{suffix}"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(DataFileError, match="`all` needs at least two elements"):
        load_rules(path)
