"""One line of JSON Lines parsed into a post. It runs in the worker, once per post of a run of
millions, so the common case takes the fewest steps."""

from __future__ import annotations

import json
from typing import Any

from verifyctl.i18n import Msg
from verifyctl.screen import fastjson
from verifyctl.screen.readers.common import iso_time
from verifyctl.screen.readers.lines import JsonFields
from verifyctl.screen.readers.parsewords import json_reason
from verifyctl.screen.record import BAD_UTF8, Record, RecordError


def parse_jsonl(record: Record) -> Record:
    """A JSON Lines record (`{"jsonl", "fields", "origin"}`) as a post."""
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
    out = {"id": ident, "text": body, "urls": urls, "images": [], "origin": where}
    date = obj.get("date") or obj.get("created_at") or obj.get("timestamp")
    if date:
        out["date"] = iso_time(date) or (date if type(date) is str else None)
    post_url = obj.get("post_url") or obj.get("permalink")
    if type(post_url) is str and post_url.startswith(("https://", "http://")):
        out["post_url"] = post_url
    return out


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
        reason = json_reason(getattr(exc, "msg", str(exc)))
        col = getattr(exc, "colno", 0)
        raise RecordError(
            Msg(f"JSON hỏng ({reason.vi}, cột {col})", f"invalid JSON ({reason.en}, column {col})"), at
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
