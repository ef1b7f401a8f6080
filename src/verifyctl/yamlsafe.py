"""YAML for data files: safe, position-aware, and strict.

Mappings and lists come back as `YMap`/`YList`, which remember the line and column of each
key and item so that validators can report `file:line:col`. Anchors and aliases are refused
(no "billion laughs"), nesting is capped, and a duplicate key is an error, not a silent
overwrite.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from verifyctl.errors import DataFileError

MAX_DEPTH = 64
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

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (*name) are not allowed in data files",
                problem_mark=event.start_mark,
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                problem=f"nested deeper than {MAX_DEPTH} levels",
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
    return loader.construct_object(node, deep=True)


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document; every problem is a DataFileError with `path:line:col`."""
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
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context and exc.context not in problem:
            problem = f"{exc.context}: {problem}"
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise DataFileError(f"YAML syntax error: {problem}", path, line, col) from None
    except yaml.YAMLError as exc:
        raise DataFileError(f"YAML error: {exc}", path) from None
    finally:
        loader.dispose()
