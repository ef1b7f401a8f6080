"""Fuzz target: the export readers; the first byte picks the format (or detection)."""

from __future__ import annotations

import io
from typing import Any

from fuzz_common import fuzz_main

from verifyctl.screen.inputs import InputFile
from verifyctl.screen.read import ReadOptions, read_inputs
from verifyctl.screen.readers.jsonline import parse_jsonl
from verifyctl.screen.record import RecordError

FORMATS: tuple[Any, ...] = (None, "facebook", "telegram", "twitter", "csv", "jsonl", "text")


def fuzz_one(data: bytes) -> None:
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    body = data[1:]
    src = InputFile("export.json", lambda: io.BufferedReader(io.BytesIO(body)), lambda _: None)  # type: ignore[arg-type]
    last = 0
    for record in read_inputs([src], ReadOptions(format=fmt)):
        index = record["origin"]["index"]
        assert index >= last, record
        last = index
        if "jsonl" in record:
            try:
                record = parse_jsonl(record)
            except RecordError:
                continue
        assert "error" in record or isinstance(record["text"], str), record


if __name__ == "__main__":
    fuzz_main(fuzz_one, "exports")
