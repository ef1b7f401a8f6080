"""YAML for data files: safe, position-aware, and strict.

Mappings and lists come back as `YMap`/`YList`, which remember the line and column of each
key and item so that validators can report `file:line:col`. Anchors and aliases are refused
(no "billion laughs"), nesting is capped, and a duplicate key is an error, not a silent
overwrite.

libyaml parses when it is there (about 8 ms instead of 60 ms for the source list); the
pure-Python parser is the fallback. Both give the same tree and the same errors: aliases and
nesting are checked on libyaml's event stream before anything is composed, so an alias bomb
is never expanded.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from verifyctl.errors import DataFileError

MAX_DEPTH = 64
# A composed node costs the parser about 600 bytes: this many (some 250 times the shipped rule
# list) stays near 350 MB, where 100,000 rules took 3.3 GB. Counted on the event stream, before
# anything is built.
MAX_NODES = 500_000
# What each guard says; the C parser's pre-pass (`_guard`) and the pure-Python loader both raise
# them, so the two paths word a refusal alike.
ALIASES = "anchors and aliases (*name) are not allowed in data files"
TOO_MANY = f"more than {MAX_NODES} values: too big for a data file"
TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels"
Pos = tuple[int, int]


class YMap(dict[str, Any]):
    pos: Pos = (1, 1)
    key_pos: dict[str, Pos]

    def at(self, key: str) -> Pos:
        return self.key_pos.get(key, self.pos)


class YList(list[Any]):
    pos: Pos = (1, 1)
    item_pos: list[Pos]

    def at(self, index: int) -> Pos:
        return self.item_pos[index] if 0 <= index < len(self.item_pos) else self.pos


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem=ALIASES,
                problem_mark=event.start_mark,
            )
        self._depth += 1
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise yaml.MarkedYAMLError(
                problem=TOO_MANY,
                problem_mark=self.peek_event().start_mark,  # type: ignore[no-untyped-call]
            )
        if self._depth > MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                problem=TOO_DEEP,
                problem_mark=self.peek_event().start_mark,  # type: ignore[no-untyped-call]
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _pos(node: Node) -> Pos:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _build(node: Node, loader: _Loader, path: str) -> Any:
    if isinstance(node, MappingNode):
        out = YMap()
        out.pos = _pos(node)
        out.key_pos = {}
        for key_node, value_node in node.value:
            key = _build(key_node, loader, path)
            if not isinstance(key, str | int | float | bool) or key is None:
                line, col = _pos(key_node)
                raise DataFileError("a mapping key must be a plain value", path, line, col)
            key = str(key)
            if key in out:
                line, col = _pos(key_node)
                first = out.key_pos[key][0]
                raise DataFileError(
                    f'duplicate key "{key}" (first at line {first})', path, line, col
                )
            out.key_pos[key] = _pos(key_node)
            out[key] = _build(value_node, loader, path)
        return out
    if isinstance(node, SequenceNode):
        items = YList()
        items.pos = _pos(node)
        items.item_pos = []
        for item in node.value:
            items.item_pos.append(_pos(item))
            items.append(_build(item, loader, path))
        return items
    assert isinstance(node, ScalarNode)
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:
        # PyYAML builds what it recognises: `2026-02-31` is a date that does not exist, and a
        # 5,000-digit number is past Python's limit for turning digits into an int.
        line, col = _pos(node)
        shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
        detail = " ".join(str(exc).split())[:100]
        raise DataFileError(f"cannot read the value {shown!r} ({detail})", path, line, col) from None


_CLoader: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)

# A syntax error inside a quoted scalar or a flow collection is reported where the parser gave
# up (often the end of the file); the user's mistake is where the scalar or flow began.
_START_CONTEXTS = ("while scanning a quoted scalar", "while parsing a flow", "while scanning a simple key")


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document; every problem is a DataFileError with `path:line:col`."""
    if _CLoader is None:
        return load_yaml_python(text, path)
    try:
        _guard(text, _CLoader)
        loader = _CLoader(text)
        try:
            node = loader.get_single_node()
            return None if node is None else _build(node, loader, path)  # type: ignore[arg-type]
        finally:
            loader.dispose()
    except yaml.reader.ReaderError:
        return load_yaml_python(text, path)  # it names the character's place exactly
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, path) from None
    except yaml.YAMLError as exc:
        raise DataFileError(f"YAML error: {exc}", path) from None


def load_yaml_python(text: str, path: str) -> Any:
    """`load_yaml` on the pure-Python parser (where libyaml is missing, and in tests)."""
    try:
        # the reader checks for unprintable characters as soon as it is built
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        at_line = text.count("\n", 0, exc.position) + 1
        at_col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = f"character #x{exc.character:04x} is not allowed in YAML"
        raise DataFileError(message, path, at_line, at_col) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _build(node, loader, path)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, path) from None
    except yaml.YAMLError as exc:
        raise DataFileError(f"YAML error: {exc}", path) from None
    finally:
        loader.dispose()


def _guard(text: str, loader: type[yaml.CSafeLoader]) -> None:
    depth = nodes = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                problem=ALIASES,
                problem_mark=event.start_mark,  # type: ignore[arg-type]
            )
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise yaml.MarkedYAMLError(
                    problem=TOO_MANY,
                    problem_mark=event.start_mark,  # type: ignore[arg-type]
                )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=TOO_DEEP,
                    problem_mark=event.start_mark,  # type: ignore[arg-type]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _syntax_error(exc: yaml.MarkedYAMLError, path: str) -> DataFileError:
    mark = exc.problem_mark or exc.context_mark
    if exc.context and exc.context_mark and exc.context.startswith(_START_CONTEXTS):
        mark = exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context and exc.context not in problem:
        problem = f"{exc.context}: {problem}"
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return DataFileError(f"YAML syntax error: {problem}", path, line, col)
