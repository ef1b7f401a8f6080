"""Export readers over truncated, garbled and wrongly typed files: never an exception, every
record well formed, damage reported as error records."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from robust_exports import EXPORTS
from robust_support import BUDGET

from verifyctl.screen.inputs import InputFile
from verifyctl.screen.read import ReadOptions, read_inputs
from verifyctl.screen.readers.jsonline import parse_jsonl
from verifyctl.screen.record import RecordError, error_record

FORMATS = sorted(EXPORTS)


def read(name: str, data: bytes, fmt: str | None) -> list[dict[str, Any]]:
    src = InputFile(name, lambda: io.BufferedReader(io.BytesIO(data)), lambda _: None)  # type: ignore[arg-type]
    return [settle(r) for r in read_inputs([src], ReadOptions(format=fmt))]  # type: ignore[arg-type]


def settle(record: dict[str, Any]) -> dict[str, Any]:
    """What a worker makes of a record: JSON Lines are parsed there (only RecordError may
    come out; the worker's catch-all would hide any other exception, so it is not used)."""
    if "jsonl" not in record:
        return record
    try:
        return parse_jsonl(record)
    except RecordError as exc:
        return error_record(record["origin"], exc)


def well_formed(records: list[dict[str, Any]]) -> None:
    indexes = [r["origin"]["index"] for r in records]
    assert indexes == sorted(indexes)
    for record in records:
        if "error" in record:
            assert record["error"]["en"] and "\n" not in record["error"]["en"]
        else:
            assert isinstance(record["text"], str)
            assert all(isinstance(u, str) for u in record["urls"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_intact_export_reads_every_post(fmt: str) -> None:
    name, make = EXPORTS[fmt]
    records = read(name, make(), fmt)
    assert len(records) == 3 and not [r for r in records if "error" in r]
    assert read(name, make(), None) == records  # and it is recognised without being told


@BUDGET
@given(fmt=st.sampled_from(FORMATS), cut=st.floats(0, 1), detect=st.booleans())
def test_a_truncated_export_never_crashes_and_reports_the_damage(fmt: str, cut: float, detect: bool) -> None:
    name, make = EXPORTS[fmt]
    data = make()
    short = data[: int(len(data) * cut)]
    records = read(name, short, None if detect else fmt)
    well_formed(records)
    posts = [r for r in records if "error" not in r]
    if len(posts) < 3 and fmt not in ("jsonl", "text", "csv") and short.strip():
        assert any("error" in r for r in records), "a cut JSON document must say it was cut"


@BUDGET
@given(fmt=st.sampled_from(FORMATS), data=st.data())
def test_garbled_bytes_never_crash(fmt: str, data: st.DataObject) -> None:
    name, make = EXPORTS[fmt]
    raw = bytearray(make())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    well_formed(read(name, bytes(raw), data.draw(st.sampled_from([fmt, None]))))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@BUDGET
@given(fmt=st.sampled_from(["facebook", "telegram", "twitter", "jsonl"]), data=st.data())
def test_wrongly_typed_fields_never_crash(fmt: str, data: st.DataObject) -> None:
    """Any field of the export replaced by a value of another JSON type."""
    name, make = EXPORTS[fmt]
    raw = make().decode()
    prefix = ""
    if fmt == "twitter":
        prefix, raw = raw.split("= ", 1)
        prefix += "= "
    if fmt == "jsonl":
        docs = [json.loads(line) for line in raw.splitlines()]
        for doc in docs:
            doc[data.draw(st.sampled_from(["id", "text", "url", "urls"]))] = data.draw(JSON_VALUES)
        text = "".join(json.dumps(d) + "\n" for d in docs)
        records = read(name, text.encode(), fmt)
        assert len(records) == len(docs)  # one record per line, read or not
        well_formed(records)
        return
    doc = json.loads(raw)
    paths = list(_paths(doc))
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(paths))
        doc = _replace(doc, path, data.draw(JSON_VALUES))
        paths = list(_paths(doc)) or [()]
    well_formed(read(name, (prefix + json.dumps(doc)).encode(), fmt))


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Any:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*path, i))


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node[path[0]] = _replace(node[path[0]], path[1:], value)
    return node


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "text"])
def test_invalid_utf8_in_a_record_is_that_records_error(fmt: str) -> None:
    name, make = EXPORTS[fmt]
    data = make()
    broken = data.replace("Chuyển".encode(), b"Chuy\xff\xfen", 1)
    records = read(name, broken, fmt)
    well_formed(records)
    assert len(records) == 3
    assert sum("error" in r for r in records) == 1


@pytest.mark.parametrize("head", [b"window.", b"window.YTD.tweets.part0 = [", b"", b"[{\"tweet\": {"])
def test_a_cut_x_archive_is_read_as_x_and_says_so(head: bytes) -> None:
    """`tweets.js` cut anywhere, even before its `window.YTD.` prefix is whole, is X's archive:
    its reader reports the damage instead of the text reader taking the fragment as a post."""
    records = read("tweets.js", head, None)
    assert [r for r in records if "error" in r] or not head.strip()
    assert not [r for r in records if "error" not in r]
