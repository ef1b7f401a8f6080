"""The rule file's schema: a parsed document in, rules and every problem (with line:col) out.

The document comes from the position-aware YAML loader (`YMap`/`YList`), or from JSON for
very large generated rule sets (plain dicts; positions are then recovered by re-reading the
file as YAML, only when there is a problem to report).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from verifyctl.i18n import Msg
from verifyctl.text.fastpath import (
    BLOCK,
    MIN_EXAMPLES,
    MIN_PHRASE_CHARS,
    NO_TESTS,
    RULE_ID,
    RULE_KEYS,
    Lint,
    simple_block,
    simple_rule,
)
from verifyctl.text.model import (
    Combination,
    Options,
    Pattern,
    Phrases,
    Regex,
    Rule,
    RuleFile,
)
from verifyctl.text.normalize import phrase_keys
from verifyctl.verdict import Verdict

SCHEMA_VERSION = 1
MIN_FOLDED_WORDS = 3
MAX_WITHIN = 50
_TOP_KEYS = {"schema", "version", "categories", "teencode", "retired", "rules"}
_OPTION_VALUES: dict[str, tuple[Any, ...]] = {
    "diacritics": ("auto", "strict", "folded"),
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


def parse(doc: Any, compile_regex: Callable[[str], str | None]) -> RuleFile:
    """Rules and problems from a parsed document. `compile_regex` returns RE2's complaint
    about a pattern, or None when it compiles."""
    # Phrases are normalised in batches (one pass over many): the teencode's now, each block
    # of rules' as it comes.
    lint = Lint(phrase_keys(list(_teencode_phrases(doc))))
    if not isinstance(doc, dict):
        lint.add((1, 1), Msg("tệp quy tắc phải là một ánh xạ có `schema`, `categories` và `rules`", "the rule file must be a mapping with `schema`, `categories` and `rules`"))
        return RuleFile(SCHEMA_VERSION, "", {}, {}, (), (), tuple(lint.problems))
    lint.entries = len(doc) + sum(_entries(value) for key, value in doc.items() if key != "rules")
    for key in doc:
        if key not in _TOP_KEYS:
            lint.add(_at(doc, key), Msg(f'khóa cấp cao nhất không hợp lệ "{key}" (cần một trong {", ".join(sorted(_TOP_KEYS))})', f'unknown top-level key "{key}" (expected one of {", ".join(sorted(_TOP_KEYS))})'))
    schema = doc.get("schema")
    if schema != SCHEMA_VERSION:
        lint.add(_at(doc, "schema"), Msg(f"`schema` phải là {SCHEMA_VERSION} (phiên bản định dạng tệp quy tắc), nhận được {schema!r}", f"`schema` must be {SCHEMA_VERSION} (the rule-file format version), got {schema!r}"))
    version = str(doc.get("version", ""))
    categories = _categories(doc, lint)
    teencode = _teencode(doc, lint)
    retired = _strings(doc, "retired", lint)
    rules_doc = doc.get("rules")
    rules: list[Rule] = []
    if not isinstance(rules_doc, list) or not rules_doc:
        lint.add(_at(doc, "rules"), Msg("`rules` phải là một danh sách không rỗng", "`rules` must be a non-empty list"))
    else:
        seen_ids: dict[str, int] = {}
        seen_phrases: dict[tuple[str, str], dict[str, str]] = {}
        retired_ids = set(retired)
        for start in range(0, len(rules_doc), BLOCK):
            block = rules_doc[start : start + BLOCK]
            fast = simple_block(block, categories, lint, seen_ids, retired_ids, seen_phrases)
            if fast is not None:
                rules += fast
                continue
            lint.keys.update(phrase_keys([p for p in _rule_phrases(block) if p not in lint.keys]))
            for index, item in enumerate(block, start):
                rule = simple_rule(item, categories, lint)
                if rule is None:
                    lint.entries += _entries(item)
                    rule = _rule(item, _at(rules_doc, index), categories, teencode, lint, compile_regex)
                    if rule is None:
                        continue
                if rule.id in seen_ids:
                    lint.add(_at(item, "id"), Msg(f'id quy tắc "{rule.id}" bị trùng (lần đầu ở dòng {seen_ids[rule.id]})', f'duplicate rule id "{rule.id}" (first at line {seen_ids[rule.id]})'))
                elif rule.id in retired_ids:
                    lint.add(_at(item, "id"), Msg(f'id "{rule.id}" đã ngừng dùng: không bao giờ dùng lại id, hãy chọn id mới', f'rule id "{rule.id}" is retired: ids are never reused, pick a new one'))
                seen_ids.setdefault(rule.id, rule.line)
                _duplicate_phrases(rule, item, seen_phrases, lint)
                rules.append(rule)
    return RuleFile(
        SCHEMA_VERSION, version, categories, teencode, tuple(retired), tuple(rules), tuple(lint.problems), lint.keys,
        lint.entries,
    )


def _entries(node: Any) -> int:
    """Key-value entries of every mapping in `node`."""
    if isinstance(node, dict):
        return len(node) + sum(_entries(value) for value in node.values())
    if isinstance(node, list):
        return sum(_entries(value) for value in node)
    return 0


def _teencode_phrases(doc: Any) -> Iterator[str]:
    """The teencode's abbreviations and meanings (a first, forgiving walk; `parse` judges)."""
    teencode = doc.get("teencode") if isinstance(doc, dict) else None
    if isinstance(teencode, dict):
        for key, value in teencode.items():
            yield str(key)
            if isinstance(value, str):
                yield value


def _rule_phrases(rules: list[Any]) -> Iterator[str]:
    """Every phrase-like string of `rules` (forgiving, as `_teencode_phrases`)."""
    for rule in rules:
        if not isinstance(rule, dict):
            continue
        for name in ("patterns", "exclude"):
            patterns = rule.get(name)
            for pattern in patterns if isinstance(patterns, list) else ():
                if isinstance(pattern, str):
                    yield pattern
                elif isinstance(pattern, dict):
                    elements = pattern.get("all")
                    for value in (pattern.get("phrase"), *(elements if isinstance(elements, list) else ())):
                        if isinstance(value, str):
                            yield value
                        elif isinstance(value, list):
                            yield from (v for v in value if isinstance(v, str))
        abbreviations = rule.get("teencode")
        for abbr in abbreviations if isinstance(abbreviations, list) else ():
            if isinstance(abbr, str):
                yield abbr


def _categories(doc: Any, lint: Lint) -> dict[str, Msg]:
    raw = doc.get("categories")
    out: dict[str, Msg] = {}
    if not isinstance(raw, dict) or not raw:
        lint.add(_at(doc, "categories"), Msg("`categories` phải ánh xạ mỗi id nhóm sang tên {vi, en}", "`categories` must map each category id to {vi, en} names"))
        return out
    for key in raw:
        msg = _msg(raw, key, lint)
        if msg is not None:
            out[key] = msg
    return out


def _teencode(doc: Any, lint: Lint) -> dict[str, str]:
    raw = doc.get("teencode", {})
    out: dict[str, str] = {}
    if not isinstance(raw, dict):
        lint.add(_at(doc, "teencode"), Msg("`teencode` phải ánh xạ mỗi từ viết tắt sang cụm từ đầy đủ", "`teencode` must map each abbreviation to what it stands for"))
        return out
    for key, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            lint.add(_at(raw, key), Msg(f'teencode "{key}" phải ứng với một cụm từ không rỗng', f'teencode "{key}" must stand for a non-empty phrase'))
            continue
        out[lint.key(str(key))] = lint.key(value)
    return out


def _strings(container: Any, key: str, lint: Lint) -> list[str]:
    raw = container.get(key)
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        lint.add(_at(container, key), Msg(f"`{key}` phải là danh sách chuỗi không rỗng", f"`{key}` must be a list of non-empty strings"))
        return []
    return list(raw)


def _msg(container: Any, key: str, lint: Lint) -> Msg | None:
    raw = container.get(key)
    if isinstance(raw, dict) and len(raw) == 2:  # the common case, checked cheaply
        vi, en = raw.get("vi"), raw.get("en")
        if isinstance(vi, str) and isinstance(en, str) and vi.strip() and en.strip():
            return Msg(vi.strip(), en.strip())
    if not isinstance(raw, dict) or not all(isinstance(raw.get(lang), str) and raw[lang].strip() for lang in ("vi", "en")):
        lint.add(_at(container, key), Msg(f"`{key}` phải có nội dung `vi` và `en` không rỗng", f"`{key}` must have non-empty `vi` and `en` texts"))
        return None
    extra = set(raw) - {"vi", "en"}
    if extra:
        lint.add(_at(raw, sorted(extra)[0]), Msg(f"`{key}` chỉ nhận `vi` và `en`", f"`{key}` takes only `vi` and `en`"))
    return Msg(raw["vi"].strip(), raw["en"].strip())


def _rule(
    item: Any,
    pos: tuple[int, int],
    categories: dict[str, Msg],
    teencode: dict[str, str],
    lint: Lint,
    compile_regex: Callable[[str], str | None],
) -> Rule | None:
    if not isinstance(item, dict):
        lint.add(pos, Msg("mỗi quy tắc phải là một ánh xạ", "each rule must be a mapping"))
        return None
    before = len(lint.problems)
    for key in item.keys() - RULE_KEYS:
        lint.add(_at(item, key), Msg(f'khóa không hợp lệ trong quy tắc "{key}" (cần một trong {", ".join(sorted(RULE_KEYS))})', f'unknown rule key "{key}" (expected one of {", ".join(sorted(RULE_KEYS))})'))
    rule_id = item.get("id")
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        lint.add(_at(item, "id"), Msg("`id` phải gồm các từ chữ thường nối bằng dấu gạch ngang (ví dụ scam-otp-request)", "`id` must be lower-case words joined by hyphens (e.g. scam-otp-request)"))
        rule_id = ""
    rev = item.get("rev")
    if not isinstance(rev, int) or isinstance(rev, bool) or rev < 1:
        lint.add(_at(item, "rev"), Msg("`rev` phải là số nguyên ≥ 1, tăng lên mỗi lần sửa", "`rev` must be a whole number ≥ 1, raised on every change"))
        rev = 1
    title, message, advice = (_msg(item, key, lint) for key in ("title", "message", "advice"))
    category = item.get("category")
    if not isinstance(category, str) or category not in categories:
        lint.add(_at(item, "category"), Msg(f"`category` phải là một trong {', '.join(sorted(categories))}, nhận được {category!r}", f"`category` must be one of {', '.join(sorted(categories))}, got {category!r}"))
    verdict = item.get("verdict")
    if verdict not in ("verify", "dont_share"):
        lint.add(_at(item, "verdict"), Msg(f"`verdict` phải là verify hoặc dont_share, nhận được {verdict!r}", f"`verdict` must be verify or dont_share, got {verdict!r}"))
    rule_teencode = _strings(item, "teencode", lint)
    for index, abbr in enumerate(rule_teencode):
        if lint.key(abbr) not in teencode:
            lint.add(_at(item["teencode"], index), Msg(f'teencode "{abbr}" chưa được khai báo trong `teencode` cấp cao nhất', f'teencode "{abbr}" is not declared in the top-level `teencode`'))
    patterns = _patterns(item, "patterns", lint, compile_regex, required=True)
    exclude = _patterns(item, "exclude", lint, compile_regex, required=False)
    references = _strings(item, "references", lint)
    with_link = item.get("with_link")
    if with_link is not None and with_link != "dont_share":
        lint.add(_at(item, "with_link"), Msg(f"`with_link` chỉ nhận dont_share (mức khi bài có thêm link không thuộc nguồn chính thống), nhận được {with_link!r}", f"`with_link` takes only dont_share (the verdict when the post also has a link that is not an official source), got {with_link!r}"))
    match, no_match = _tests(item, lint)
    if len(lint.problems) > before and any(p.blocking for p in lint.problems[before:]):
        return None
    assert title and message and advice and isinstance(category, str) and isinstance(verdict, str)
    return Rule(
        id=rule_id, rev=rev, title=title, message=message, advice=advice, category=category,
        verdict=Verdict(verdict), patterns=tuple(patterns), exclude=tuple(exclude),
        teencode=tuple(lint.key(a) for a in rule_teencode), references=tuple(references),
        match=tuple(match), no_match=tuple(no_match), line=pos[0],
        with_link=Verdict.DONT_SHARE if with_link == "dont_share" else None,
    )


def _tests(item: Any, lint: Lint) -> tuple[list[str], list[str]]:
    tests = item.get("tests")
    if not isinstance(tests, dict):
        lint.add(_at(item, "id"), NO_TESTS, blocking=False)
        return [], []
    out: list[list[str]] = []
    for key in ("match", "no_match"):
        examples = _strings(tests, key, lint)
        if len(examples) < MIN_EXAMPLES:
            lint.add(_at(tests, key) if key in tests else _at(item, "tests"), Msg(f"`tests.{key}` cần ít nhất {MIN_EXAMPLES} ví dụ, hiện có {len(examples)}", f"`tests.{key}` needs at least {MIN_EXAMPLES} examples, has {len(examples)}"), blocking=False)
        out.append(examples)
    extra = set(tests) - {"match", "no_match"}
    if extra:
        lint.add(_at(tests, sorted(extra)[0]), Msg("`tests` chỉ nhận `match` và `no_match`", "`tests` takes only `match` and `no_match`"))
    return out[0], out[1]


def _patterns(
    item: Any, key: str, lint: Lint, compile_regex: Callable[[str], str | None], required: bool
) -> list[Pattern]:
    raw = item.get(key)
    if raw is None and not required:
        return []
    if not isinstance(raw, list) or (required and not raw):
        lint.add(_at(item, key), Msg(f"`{key}` phải là danh sách mẫu (phrase, all/within hoặc regex)", f"`{key}` must be a list of patterns (phrase, all/within or regex)"))
        return []
    out: list[Pattern] = []
    for index, entry in enumerate(raw):
        pattern = _pattern(entry, _at(raw, index), key == "exclude", lint, compile_regex)
        if pattern is not None:
            out.append(pattern)
    return out


def _pattern(
    entry: Any, pos: tuple[int, int], is_exclude: bool, lint: Lint, compile_regex: Callable[[str], str | None]
) -> Pattern | None:
    if isinstance(entry, str):
        phrases = _phrase_list({"phrase": entry}, "phrase", Options(), lint, pos)
        return Phrases(phrases, Options(), pos[0]) if phrases else None
    if not isinstance(entry, dict):
        lint.add(pos, Msg("mẫu là một cụm từ, hoặc ánh xạ có `phrase`, `all` hoặc `regex`", "a pattern is a phrase, or a mapping with `phrase`, `all` or `regex`"))
        return None
    kinds = [k for k in ("phrase", "all", "regex") if k in entry]
    if len(kinds) != 1:
        lint.add(pos, Msg("mẫu cần đúng một trong `phrase`, `all` hoặc `regex`", "a pattern needs exactly one of `phrase`, `all` or `regex`"))
        return None
    allowed = {kinds[0], "diacritics", "case", "whole_word"} | ({"within"} if kinds[0] == "all" else set())
    allowed |= {"scope"} if is_exclude else set()
    for key in entry:
        if key not in allowed:
            lint.add(_at(entry, key), Msg(f'tùy chọn mẫu không hợp lệ "{key}" (ở đây được dùng: {", ".join(sorted(allowed))})', f'unknown pattern option "{key}" (allowed here: {", ".join(sorted(allowed))})'))
    values: dict[str, Any] = {}
    for name, choices in _OPTION_VALUES.items():
        if name in entry:
            if entry[name] not in choices:
                lint.add(_at(entry, name), Msg(f"`{name}` phải là một trong {', '.join(str(c).lower() for c in choices)}", f"`{name}` must be one of {', '.join(str(c).lower() for c in choices)}"))
            else:
                values[name] = entry[name]
    options = Options(**values)
    line = pos[0]
    kind = kinds[0]
    if kind == "regex":
        regex = entry["regex"]
        if not isinstance(regex, str) or not regex:
            lint.add(_at(entry, "regex"), Msg("`regex` phải là chuỗi không rỗng", "`regex` must be a non-empty string"))
            return None
        if _NON_LINEAR.search(regex):
            lint.add(_at(entry, "regex"), Msg("không được dùng tham chiếu ngược hay lookaround: quy tắc phải chạy trong thời gian tuyến tính (RE2)", "backreferences and lookaround are not allowed: rules must run in linear time (RE2)"))
            return None
        complaint = compile_regex(regex)
        if complaint is not None:
            lint.add(_at(entry, "regex"), Msg(f"RE2 từ chối biểu thức (chỉ cho phép mẫu chạy thời gian tuyến tính): {complaint}", f"regex refused by RE2 (only linear-time patterns are allowed): {complaint}"))
            return None
        return Regex(regex, options, line)
    if kind == "phrase":
        phrases = _phrase_list(entry, "phrase", options, lint)
        return Phrases(phrases, options, line) if phrases else None
    raw = entry["all"]
    if not isinstance(raw, list) or len(raw) < 2:
        lint.add(_at(entry, "all"), Msg("`all` cần ít nhất hai phần tử (mỗi phần tử là một cụm từ hoặc danh sách lựa chọn)", "`all` needs at least two elements (each a phrase or a list of alternatives)"))
        return None
    elements: list[tuple[str, ...]] = []
    for index, element in enumerate(raw):
        holder = {"phrase": element}
        phrases = _phrase_list(holder, "phrase", options, lint, _at(raw, index))
        if phrases:
            elements.append(phrases)
    within = entry.get("within")
    if not isinstance(within, int) or isinstance(within, bool) or not 1 <= within <= MAX_WITHIN:
        lint.add(_at(entry, "within") if "within" in entry else pos, Msg(f"`within` phải là số từ, từ 1 đến {MAX_WITHIN}", f"`within` must be a number of words from 1 to {MAX_WITHIN}"))
        return None
    if len(elements) != len(raw):
        return None
    return Combination(tuple(elements), within, options, line)


def _phrase_list(
    entry: Any, key: str, options: Options, lint: Lint, pos: tuple[int, int] | None = None
) -> tuple[str, ...]:
    raw = entry[key]
    where = pos or _at(entry, key)
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items or not all(isinstance(p, str) for p in items):
        lint.add(where, Msg("cụm từ phải là chuỗi hoặc danh sách chuỗi", "a phrase must be a string or a list of strings"))
        return ()
    out: list[str] = []
    for index, phrase in enumerate(items):
        here = _at(raw, index) if isinstance(raw, list) and hasattr(raw, "at") else where
        key_text = lint.key(phrase)
        if len(key_text.replace(" ", "")) < MIN_PHRASE_CHARS:
            lint.add(here, Msg(f'cụm từ "{phrase}" quá ngắn (cần ít nhất {MIN_PHRASE_CHARS} chữ sau khi chuẩn hóa)', f'phrase "{phrase}" is too short (at least {MIN_PHRASE_CHARS} letters once normalised)'))
            continue
        if options.diacritics == "folded" and len(key_text.split()) < MIN_FOLDED_WORDS:
            lint.add(here, Msg(f'cụm từ "{phrase}": bỏ dấu chỉ được dùng cho cụm từ ít nhất {MIN_FOLDED_WORDS} từ (mat là mát, mất, mật, mắt, mặt)', f'phrase "{phrase}": folded diacritics need at least {MIN_FOLDED_WORDS} words (mat is mát, mất, mật, mắt, mặt)'))
            continue
        out.append(phrase)
    return tuple(out)


def _duplicate_phrases(rule: Rule, item: Any, seen: dict[tuple[str, str], dict[str, str]], lint: Lint) -> None:
    """Phrases that normalise alike under the same diacritics and case options; `seen` holds
    the rule each one first came in, by options."""
    keys = lint.keys
    for pattern in rule.patterns:
        if not isinstance(pattern, Phrases):
            continue
        options = pattern.options
        owners = seen.get((options.diacritics, options.case))
        if owners is None:
            owners = seen[(options.diacritics, options.case)] = {}
        for phrase in pattern.phrases:
            key = keys.get(phrase)
            if key is None:
                key = lint.key(phrase)
            owner = owners.get(key)
            if owner is None:
                owners[key] = rule.id
                continue
            where = "this rule" if owner == rule.id else f'rule "{owner}"'
            where_vi = "quy tắc này" if owner == rule.id else f'quy tắc "{owner}"'
            lint.add((pattern.line, _at(item, "patterns")[1]), Msg(f'cụm từ "{phrase}" bị trùng (đã có trong {where_vi})', f'duplicate phrase "{phrase}" (already in {where})'), blocking=False)
