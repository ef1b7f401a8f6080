"""JSON Lines output: one object per result, exactly as DESIGN.md's contract."""

from __future__ import annotations

import json
from typing import Any

from verifyctl.i18n import Lang
from verifyctl.verdict import Result

# `json.dumps` with any option builds a new encoder on every call; a batch writes millions.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def dumps(obj: dict[str, Any]) -> str:
    return _ENCODER.encode(obj)


def result_line(result: Result, lang: Lang, **extra: Any) -> str:
    obj = result.to_dict(lang)
    obj.update(extra)
    return dumps(obj)
