"""Walk a JSON document one element at a time, so a truncated or damaged export still yields
every post before the damage (and, in pretty-printed exports, every post after it).

Built on `json.JSONDecoder.raw_decode`: each array element is decoded on its own. When one
fails, the walk looks for the next line that starts at the same indentation as the array's
first element (exports are pretty-printed by the platform) and carries on from there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class Damage:
    """The document could not be read from `pos`; `skipped_to` is where reading resumed."""

    pos: int
    reason: str
    resumed: bool


class Ended(Exception):
    """Raised after a Damage the walk cannot recover from: nothing more can be read."""


class Broken(Exception):
    def __init__(self, pos: int, reason: str) -> None:
        super().__init__(reason)
        self.pos = pos
        self.reason = reason


Walk = Generator["Any | Damage", None, int]


def ws(s: str, i: int) -> int:
    match = _WS.match(s, i)
    assert match is not None
    return match.end()


def line_col(s: str, pos: int) -> tuple[int, int]:
    line = s.count("\n", 0, pos) + 1
    return line, pos - (s.rfind("\n", 0, pos) + 1) + 1


def decode(s: str, i: int) -> tuple[Any, int]:
    try:
        return _DECODER.raw_decode(s, i)
    except json.JSONDecodeError as exc:
        raise Broken(exc.pos, exc.msg) from None
    except RecursionError:
        raise Broken(i, "nested too deeply") from None


def expect(s: str, i: int, char: str) -> int:
    i = ws(s, i)
    if i >= len(s):
        raise Broken(i, f"expected '{char}', the file ends here")
    if s[i] != char:
        raise Broken(i, f"expected '{char}'")
    return i + 1


def array(s: str, i: int) -> Walk:
    """Yields each element of the array that starts at `s[i]` (or a Damage); returns its end."""
    i = expect(s, i, "[")
    i = ws(s, i)
    if i < len(s) and s[i] == "]":
        return i + 1
    indent = i - (s.rfind("\n", 0, i) + 1)
    resync = re.compile("\n" + " " * indent + r"(?=[{\[\"0-9tfn-])") if "\n" in s[:i] else None
    while True:
        try:
            value, i = decode(s, i)
            yield value
            i = ws(s, i)
            if i >= len(s):
                raise Broken(i, "the file ends inside a list")
            if s[i] == "]":
                return i + 1
            if s[i] != ",":
                raise Broken(i, "expected ',' or ']'")
            i = ws(s, i + 1)
        except Broken as exc:
            found = resync.search(s, exc.pos + 1) if resync else None
            yield Damage(exc.pos, exc.reason, found is not None)
            if found is None:
                raise Ended from None
            i = found.end()


Handler = Callable[[str, int], Walk]


def obj(
    s: str, i: int, handlers: dict[str, Handler], meta: dict[str, Any], default: Handler | None = None
) -> Walk:
    """Walks the object at `s[i]`: keys in `handlers` (or any key, with `default`) are walked by
    their handler, other values are decoded into `meta` (metadata such as a chat's name, which
    the export writes before its messages)."""
    i = expect(s, i, "{")
    i = ws(s, i)
    if i < len(s) and s[i] == "}":
        return i + 1
    while True:
        key, i = decode(s, i)
        if not isinstance(key, str):
            raise Broken(i, "expected a key")
        i = ws(s, expect(s, i, ":"))
        handler = handlers.get(key, default)
        if handler is not None:
            i = yield from handler(s, i)
        else:
            meta[key], i = decode(s, i)
        i = ws(s, i)
        if i >= len(s):
            raise Broken(i, "the file ends inside an object")
        if s[i] == "}":
            return i + 1
        if s[i] != ",":
            raise Broken(i, "expected ',' or '}'")
        i = ws(s, i + 1)


def lists(s: str, i: int) -> Walk:
    """A value walked as a list when it is one, skipped otherwise."""
    if s.startswith("[", i):
        return (yield from array(s, i))
    _, end = decode(s, i)
    return end
