"""JSON for the batch path, through orjson (parsing a post costs a quarter of what the standard
library's `json` takes, writing one a sixth), with `json` as the arbiter wherever the two could
differ.

- Parsing: orjson refuses some of what `json` accepts (lone surrogate escapes such as
  `\\udc80`, `NaN`) and reads integers beyond 64 bits as floats. The caller reads again with
  `json` anything orjson refuses (`Refused`), which also words the error, and a float where
  an integer may have been.
- Writing: a lone surrogate (from such an escape) is refused by orjson; that line is written by
  `json`, in the same compact form, and the surrogate replaced on encoding, as before.

Imported only by `screen` (orjson's import costs about 18 ms, which `check`'s start-up cannot
spare).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

loads = orjson.loads
Refused = orjson.JSONDecodeError  # what `loads` raises; read it again with `json`


def line(obj: dict[str, Any]) -> bytes:
    """One output record as UTF-8 bytes, without the newline."""
    try:
        return orjson.dumps(obj)
    except TypeError:  # orjson.JSONEncodeError: a lone surrogate
        return _COMPACT.encode(obj).encode("utf-8", "replace")


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
