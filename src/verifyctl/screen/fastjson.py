"""JSON for the batch path, through orjson (parsing and writing a post cost a third of what the
standard library's do), with the standard library as the arbiter wherever the two could differ.

- Parsing: orjson refuses some of what `json` accepts (lone surrogate escapes such as
  `\\udc80`, `NaN`) and reads integers beyond 64 bits as floats. The caller reads again with
  `json` anything orjson refuses (`Refused`), which also words the error, and a float where
  an integer may have been.
- Writing: a lone surrogate (from such an escape) is refused by orjson; that line is written by
  `json` and replaced on encoding, as before.

Imported only by `screen` (orjson's import costs about 18 ms, which `check`'s start-up cannot
spare).
"""

from __future__ import annotations

from typing import Any

import orjson

from verifyctl.render.jsonl import dumps

loads = orjson.loads
Refused = orjson.JSONDecodeError  # what `loads` raises; read it again with `json`


def line(obj: dict[str, Any]) -> bytes:
    """One output record as UTF-8 bytes, without the newline."""
    try:
        return orjson.dumps(obj)
    except TypeError:  # orjson.JSONEncodeError: a lone surrogate
        return dumps(obj).encode("utf-8", "replace")
