"""The source list's YAML, parsed by libyaml when it is there (about 8 ms instead of 60 ms for
the shipped list) into the same position-aware `YMap`/`YList` as `verifyctl.yamlsafe`.

libyaml composes the nodes; the same rules as `yamlsafe` then apply: aliases and deep nesting
refused (checked on the event stream first, so an alias bomb is never expanded), and a
duplicate key is an error with its line.
"""

from __future__ import annotations

from typing import Any

import yaml

from verifyctl import yamlsafe
from verifyctl.errors import DataFileError

_CLoader: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)

# A syntax error inside a quoted scalar or a flow collection is reported by libyaml where it
# gave up (often the end of the file); the user's mistake is where the scalar or flow began.
_START_CONTEXTS = ("while scanning a quoted scalar", "while parsing a flow", "while scanning a simple key")


def parse(text: str, path: str) -> Any:
    """One YAML document as `YMap`/`YList`/scalars; every problem is a DataFileError with a line."""
    if _CLoader is None:
        return yamlsafe.load_yaml(text, path)
    try:
        _guard(text, _CLoader)
        loader = _CLoader(text)
        try:
            node = loader.get_single_node()
            return None if node is None else yamlsafe._build(node, loader, path)  # type: ignore[arg-type]
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _error(exc, path) from None
    except yaml.YAMLError as exc:
        raise DataFileError(f"YAML error: {exc}", path) from None


def _guard(text: str, loader: type[yaml.CSafeLoader]) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (*name) are not allowed in data files",
                problem_mark=event.start_mark,  # type: ignore[arg-type]
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > yamlsafe.MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=f"nested deeper than {yamlsafe.MAX_DEPTH} levels",
                    problem_mark=event.start_mark,  # type: ignore[arg-type]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _error(exc: yaml.MarkedYAMLError, path: str) -> DataFileError:
    mark = exc.problem_mark or exc.context_mark
    if exc.context and exc.context_mark and exc.context.startswith(_START_CONTEXTS):
        mark = exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context and exc.context not in problem:
        problem = f"{exc.context}: {problem}"
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return DataFileError(f"YAML syntax error: {problem}", path, line, col)
