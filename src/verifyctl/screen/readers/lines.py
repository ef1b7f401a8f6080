"""Line-based inputs: JSON Lines (parsed later, in the worker) and plain text, one post per
line. Both stream: one line in memory at a time, and a line longer than `MAX_LINE` becomes an
error record without being held whole."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from verifyctl.i18n import Msg
from verifyctl.screen import fastjson
from verifyctl.screen.inputs import InputFile
from verifyctl.screen.record import (
    BAD_UTF8,
    Record,
    RecordError,
    error_record,
    has_bad_bytes,
    origin,
    post_record,
)

MAX_LINE = 8 << 20


@dataclass(frozen=True)
class JsonFields:
    """Which JSON Lines fields hold the id, the text and the links."""

    id: str = "id"
    text: str = "text"
    urls: tuple[str, ...] = ("url", "urls")


def raw_lines(stream: IO[bytes], first_line: int = 1) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line without its ending); None for a line longer than MAX_LINE."""
    lineno = first_line - 1
    while True:
        raw = stream.readline(MAX_LINE + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            while True:  # drop the rest of the overlong line
                rest = stream.readline(1 << 16)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, raw.rstrip(b"\r\n")


def _too_long(name: str, lineno: int) -> Msg:
    return Msg(
        f"{name}:{lineno}: dòng dài quá {MAX_LINE} byte",
        f"{name}:{lineno}: line longer than {MAX_LINE} bytes",
    )


def _records(src: InputFile, first_line: int = 1, first_index: int = 1) -> Iterator[tuple[dict[str, Any], bytes | None]]:
    """Each non-blank line with where it is (its record's `origin`); None for a line too long,
    whose error record the caller yields. `first_line`, `first_index`: where `src` starts
    inside a bigger file (a Dask block)."""
    index = first_index - 1
    with src.open() as stream:
        for lineno, raw in raw_lines(stream, first_line):
            if raw is not None and not raw.strip():
                continue
            index += 1
            yield origin(src.name, index, lineno), raw


def read_jsonl(src: InputFile, fields: JsonFields, first_line: int = 1, first_index: int = 1) -> Iterator[Record]:
    for where, raw in _records(src, first_line, first_index):
        if raw is None:
            yield error_record(where, _too_long(src.name, where["line"]))
        else:
            yield {"jsonl": raw, "fields": fields, "origin": where}


def parse_jsonl(record: Record) -> Record:
    """A JSON Lines record as a post (runs in the worker, once per post of a run of millions:
    the common case takes the fewest steps)."""
    raw = record["jsonl"]
    where = record["origin"]
    fields = record.get("fields") or _DEFAULT
    if isinstance(fields, dict):  # from a JSON-only channel (a Dask or Spark partition)
        fields = JsonFields(fields.get("id", "id"), fields.get("text", "text"), tuple(fields.get("urls", ("url", "urls"))))
    try:
        obj = fastjson.loads(raw)
    except fastjson.Refused:  # read again by `json`: it may accept it, or it words the error
        obj = _loads(raw, where)
    if type(obj) is not dict:
        raise RecordError(Msg("mỗi dòng phải là một object JSON", "each line should be a JSON object"), _at(where))
    ident = obj.get(fields.id)
    if type(ident) is float:  # maybe an integer beyond 64 bits, rounded by orjson
        ident = _loads(raw, where).get(fields.id)
    body = obj.get(fields.text)
    if body is None:
        body = ""
    elif type(body) is not str:
        raise RecordError(
            Msg(f"trường {fields.text!r} phải là chuỗi", f"field {fields.text!r} should be a string"), _at(where)
        )
    urls: list[str] = []
    for name in fields.urls:
        value = obj.get(name)
        if value is not None:
            urls.extend(_strings(value, name, where))
    # An id of another type (bool, list…) names nothing: the record's place will name it.
    ident = str(ident) if type(ident) is str or type(ident) is int else None
    return {"id": ident, "text": body, "urls": urls, "images": [], "origin": where}


_DEFAULT = JsonFields()


def _at(where: dict[str, Any]) -> str:
    return f"{where.get('file')}:{where.get('line')}"


def _loads(raw: bytes | str, where: dict[str, Any]) -> Any:
    """`raw` parsed by `json`, or the record's error in words."""
    at = _at(where)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return json.loads(text)
    except UnicodeDecodeError:
        raise RecordError(BAD_UTF8, at) from None
    except ValueError as exc:
        msg = getattr(exc, "msg", str(exc))
        col = getattr(exc, "colno", 0)
        raise RecordError(
            Msg(f"JSON hỏng ({msg}, cột {col})", f"invalid JSON ({msg}, column {col})"), at
        ) from None
    except RecursionError:
        raise RecordError(Msg("JSON lồng quá sâu", "JSON nested too deeply"), at) from None


def _strings(value: Any, name: str, where: dict[str, Any]) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v for v in value if v]
    raise RecordError(
        Msg(f"trường {name!r} phải là chuỗi hoặc danh sách chuỗi", f"field {name!r} should be a string or a list of strings"),
        _at(where),
    )


def read_text(src: InputFile) -> Iterator[Record]:
    for where, raw in _records(src):
        lineno = where["line"]
        if raw is None:
            yield error_record(where, _too_long(src.name, lineno))
            continue
        text = raw.decode("utf-8", "surrogateescape")
        if lineno == 1:
            text = text.removeprefix("\ufeff")
        if has_bad_bytes(text):
            yield error_record(where, RecordError(BAD_UTF8, f"{src.name}:{lineno}"))
        else:
            yield post_record(where, text=text.strip())
