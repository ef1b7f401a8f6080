"""What the JSON-export readers share: reading the whole file, turning walk damage into
error records, and type-checked access to fields of untrusted JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from verifyctl.i18n import Msg
from verifyctl.safeio import read_capped
from verifyctl.screen.inputs import InputFile
from verifyctl.screen.readers import jsonwalk
from verifyctl.screen.readers.parsewords import json_reason
from verifyctl.screen.record import (
    BAD_UTF8,
    Record,
    RecordError,
    error_record,
    has_bad_bytes,
    origin,
)

# A JSON export file larger than this is refused, not loaded. Its bytes and its text are held at
# once while it is decoded (the text up to 4 bytes a character), so this keeps one export
# under 1 GiB; Facebook splits its exports into files far smaller than this.
MAX_DOCUMENT = 160 << 20


def read_document(src: InputFile) -> str:
    """The whole file as text. Bytes that are not UTF-8 survive as lone surrogates
    (`surrogateescape`) so that only the posts containing them become error records."""
    with src.open() as stream:
        raw = read_capped(stream, MAX_DOCUMENT, src.name)
    return raw.decode("utf-8", "surrogateescape").removeprefix("\ufeff")


def damage_record(src: InputFile, text: str, index: int, pos: int, reason: str, resumed: bool) -> Record:
    line, col = jsonwalk.line_col(text, pos)
    rest_vi = "đọc tiếp từ bài sau" if resumed else "không đọc được phần còn lại của tệp"
    rest_en = "reading went on at the next post" if resumed else "the rest of the file could not be read"
    words = json_reason(reason)
    return error_record(
        origin(src.name, index, line),
        Msg(
            f"{src.name}:{line}:{col}: JSON hỏng ({words.vi}); {rest_vi}",
            f"{src.name}:{line}:{col}: damaged JSON ({words.en}); {rest_en}",
        ),
    )


def walk_records(src: InputFile, text: str, walk: jsonwalk.Walk, build: Any) -> Iterator[Record]:
    """Runs a walk over `text`, building a record from each element with `build(value, where)`
    and putting an error record wherever an element or the document is damaged."""
    index = 0
    try:
        for item in walk:
            index += 1
            if isinstance(item, jsonwalk.Damage):
                yield damage_record(src, text, index, item.pos, item.reason, item.resumed)
                continue
            where = origin(src.name, index)
            try:
                record = build(item, where)
            except RecordError as exc:
                yield error_record(where, exc)
                continue
            if record is not None:  # None: an element that is not a post (a service message)
                yield record
    except jsonwalk.Broken as exc:
        yield damage_record(src, text, index + 1, exc.pos, exc.reason, False)
    except jsonwalk.Ended:
        return


def field(obj: Any, key: str, kind: type, default: Any = None) -> Any:
    """`obj[key]` if it has the expected type, the default if absent, else a record error."""
    if not isinstance(obj, dict):
        raise RecordError(
            Msg(f"cần một object JSON, gặp {_jtype(obj)}", f"expected a JSON object, found {_jtype(obj)}")
        )
    value = obj.get(key, default)
    if value is None:
        return default
    if not isinstance(value, kind):
        raise RecordError(
            Msg(
                f"trường {key!r} phải là {_jname(kind)}, gặp {_jtype(value)}",
                f"field {key!r} should be {_jname(kind)}, found {_jtype(value)}",
            )
        )
    if isinstance(value, str) and has_bad_bytes(value):
        raise RecordError(BAD_UTF8)
    return value


def _jname(kind: type) -> str:
    return {str: "string", list: "list", dict: "object", int: "number"}.get(kind, kind.__name__)


def _jtype(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return _jname(type(value))


def iso_time(stamp: Any) -> str | None:
    """A Unix time (Facebook's `timestamp`) as ISO 8601 UTC; None when absent or not a time (a
    date the export got wrong never costs the post its verdict)."""
    if type(stamp) is not int or not 0 < stamp < 1 << 34:
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat().replace("+00:00", "Z")


def twitter_time(text: Any) -> str | None:
    """X's `created_at` ("Wed Oct 10 20:19:24 +0000 2018") as ISO 8601; None if it is not one."""
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y").isoformat().replace("+00:00", "Z")
    except ValueError:
        return None


def text_field(obj: Any, key: str) -> str | None:
    """`obj[key]` if it is a non-empty string, else None (never an error)."""
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, str) and value else None
