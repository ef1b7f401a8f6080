"""The shape of `official_sources.yaml` as data, and the checks that a file has that shape.

Each mapping is a table of keys: required or not, and what the value must be. The checks
`schema` (wrong type, missing key, unknown value) and `unknown-key` walk a parsed file against
it; everything else (hosts, references, dates) is in `checks.py` and may assume this shape.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from verifyctl.sources.model import CONFIDENCES, PLATFORMS, SCHEMA_VERSION, SCOPES, STATES, TIERS
from verifyctl.sources.problems import Problem, error
from verifyctl.yamlsafe import YList, YMap

Pos = tuple[int, int]
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Kind:
    """What a value must be: a test and its description in both languages."""

    __slots__ = ("en", "test", "vi")

    def __init__(self, vi: str, en: str, test: Callable[[Any], bool]) -> None:
        self.vi, self.en, self.test = vi, en, test


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _enum(values: tuple[str, ...]) -> Kind:
    listed = ", ".join(values)
    return Kind(f"một trong: {listed}", f"one of: {listed}", lambda v: v in values)


TEXT = Kind("một chuỗi không rỗng", "a non-empty string", _text)
BOOL = Kind("true hoặc false", "true or false", lambda v: isinstance(v, bool))
DATE = Kind(
    "một ngày dạng YYYY-MM-DD",
    "a date as YYYY-MM-DD",
    lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
)
SOURCE_ID = Kind(
    "một id chữ thường, số và gạch nối (vd. nhan-dan)",
    "an id of lower-case letters, digits and hyphens (e.g. nhan-dan)",
    lambda v: isinstance(v, str) and bool(ID_PATTERN.match(v)),
)
ACCOUNT_ID = Kind(
    "một chuỗi hoặc số",
    "a string or a number",
    lambda v: _text(v) or (isinstance(v, int) and not isinstance(v, bool)),
)
VERSION = Kind(
    f"số phiên bản được hỗ trợ ({SCHEMA_VERSION})",
    f"a supported version ({SCHEMA_VERSION})",
    lambda v: v == SCHEMA_VERSION and not isinstance(v, bool),
)


# Plain classes, not dataclasses: this module is imported on the start-up path of `check`.
class Key:
    __slots__ = ("required", "spec")

    def __init__(self, spec: Kind | Mapping | ListOf, required: bool = False) -> None:
        self.spec, self.required = spec, required


class ListOf:
    __slots__ = ("item",)

    def __init__(self, item: Kind | Mapping) -> None:
        self.item = item


class Mapping:
    __slots__ = ("en", "keys", "vi")

    def __init__(self, vi: str, en: str, keys: dict[str, Key]) -> None:
        self.vi, self.en, self.keys = vi, en, keys


TEXTS = ListOf(TEXT)
STATUS = Mapping(
    "trạng thái",
    "status",
    {
        "state": Key(_enum(STATES), required=True),
        "since": Key(DATE),
        "until": Key(DATE),
        "successor": Key(SOURCE_ID),
        "note": Key(TEXT),
        "evidence": Key(TEXTS),
    },
)
DOMAIN = Mapping(
    "tên miền",
    "domain",
    {
        "host": Key(TEXT, required=True),
        "subdomains": Key(BOOL, required=True),
        "confidence": Key(_enum(CONFIDENCES)),
        "legacy": Key(BOOL),
        "suffix": Key(BOOL),
        "note": Key(TEXT),
        "evidence": Key(TEXTS),
    },
)
ACCOUNT = Mapping(
    "tài khoản",
    "account",
    {
        "platform": Key(_enum(PLATFORMS), required=True),
        "handle": Key(TEXT),
        "channel_id": Key(ACCOUNT_ID),
        "confidence": Key(_enum(CONFIDENCES), required=True),
        "evidence": Key(TEXTS, required=True),
        "note": Key(TEXT),
    },
)
SOURCE = Mapping(
    "nguồn",
    "source",
    {
        "id": Key(SOURCE_ID, required=True),
        "name": Key(TEXT, required=True),
        "name_en": Key(TEXT, required=True),
        "aliases": Key(TEXTS),
        "tier": Key(_enum(TIERS), required=True),
        "scope": Key(_enum(SCOPES), required=True),
        "parent": Key(SOURCE_ID),
        "domains": Key(ListOf(DOMAIN), required=True),
        "accounts": Key(ListOf(ACCOUNT)),
        "status": Key(STATUS, required=True),
        "evidence": Key(TEXTS, required=True),
        "confidence": Key(_enum(CONFIDENCES), required=True),
        "verified_on": Key(DATE, required=True),
        "note": Key(TEXT),
    },
)
IMPERSONATOR = Mapping(
    "trang mạo danh",
    "impersonator",
    {
        "host": Key(TEXT, required=True),
        "imitates": Key(SOURCE_ID),
        "why": Key(TEXT, required=True),
        "evidence": Key(TEXTS, required=True),
    },
)
NOT_LOOKALIKE = Mapping(
    "tên miền không phải giả mạo",
    "not-lookalike entry",
    {"host": Key(TEXT, required=True), "why": Key(TEXT, required=True)},
)
INCLUDE = Kind(
    "một đường dẫn tương đối tới tệp .yaml, không có ..",
    "a relative path to a .yaml file, without ..",
    lambda v: _text(v) and is_include_path(v),
)
# A file the entry file includes has the entry file's shape minus `include` (no nesting).
INCLUDED = Mapping(
    "tệp danh sách nguồn được include",
    "included source list",
    {
        "schema_version": Key(VERSION, required=True),
        "sources": Key(ListOf(SOURCE), required=True),
        "impersonators": Key(ListOf(IMPERSONATOR)),
        "not_lookalikes": Key(ListOf(NOT_LOOKALIKE)),
    },
)
DOCUMENT = Mapping(
    "tệp danh sách nguồn",
    "source list",
    {
        "schema_version": INCLUDED.keys["schema_version"],
        "include": Key(ListOf(INCLUDE)),
        **{k: v for k, v in INCLUDED.keys.items() if k != "schema_version"},
    },
)


def is_include_path(value: str) -> bool:
    """Relative, inside the entry file's folder, a YAML file: the list cannot reach elsewhere."""
    parts = value.replace("\\", "/").split("/")
    return not value.startswith("/") and ".." not in parts and value.endswith((".yaml", ".yml"))


def check_shape(tree: Any, *, included: bool = False) -> Iterator[Problem]:
    """`schema` and `unknown-key` problems, in file order (`included`: a file the entry file
    names under `include`)."""
    if not isinstance(tree, YMap):
        yield error(
            getattr(tree, "pos", (1, 1)),
            "schema",
            "tệp phải là một mapping có schema_version và sources",
            "the file must be a mapping with schema_version and sources",
        )
        return
    yield from _mapping(tree, INCLUDED if included else DOCUMENT)


def _mapping(node: YMap, spec: Mapping) -> Iterator[Problem]:
    for key, value in node.items():
        rule = spec.keys.get(key)
        if rule is None:
            known = ", ".join(spec.keys)
            yield error(
                node.at(key),
                "unknown-key",
                f'khóa lạ "{key}" trong {spec.vi} (các khóa hợp lệ: {known})',
                f'unknown key "{key}" in {spec.en} (known keys: {known})',
            )
            continue
        yield from _value(value, rule.spec, key, node.at(key))
    for key, rule in spec.keys.items():
        if rule.required and key not in node:
            yield error(
                node.pos,
                "schema",
                f'{spec.vi} thiếu khóa bắt buộc "{key}"',
                f'{spec.en} is missing the required key "{key}"',
                absence=True,
            )


def _value(value: Any, spec: Kind | Mapping | ListOf, key: str, pos: Pos) -> Iterator[Problem]:
    if isinstance(spec, Mapping):
        if isinstance(value, YMap):
            yield from _mapping(value, spec)
        else:
            yield _wrong(key, pos, f"một mapping ({spec.vi})", f"a mapping ({spec.en})")
    elif isinstance(spec, ListOf):
        if not isinstance(value, YList):
            yield _wrong(key, pos, "một danh sách", "a list")
            return
        for index, item in enumerate(value):
            yield from _value(item, spec.item, f"{key}[{index + 1}]", value.at(index))
    elif value is None or not spec.test(value):
        yield _wrong(key, pos, spec.vi, spec.en)


def _wrong(key: str, pos: Pos, vi: str, en: str) -> Problem:
    return error(pos, "schema", f'"{key}" phải là {vi}', f'"{key}" must be {en}')
