"""Records as the readers hand them over: plain dicts, so they cross process (and Dask)
boundaries without custom pickling.

A record is one of
- a post: ``{"id", "text", "urls", "images", "origin"}``, and ``"date"`` and ``"post_url"``
  when the export has them;
- a line of JSON Lines not parsed yet: ``{"jsonl": bytes | str, "fields", "origin"}`` (parsed
  in the worker, where the time is spent in parallel);
- a record that could not be read: ``{"id", "error": {"vi", "en"}, "origin"}``.

``origin`` says where it came from: ``{"file", "index"}`` (1-based position in that file) and
``"line"`` for line-based formats.
"""

from __future__ import annotations

from typing import Any

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg

Record = dict[str, Any]


class RecordError(VerifyctlError):
    """One record cannot be read; the batch goes on with an error record in its place."""


def origin(file: str, index: int, line: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"file": file, "index": index}
    if line is not None:
        out["line"] = line
    return out


def post_record(
    where: dict[str, Any],
    *,
    text: str,
    urls: list[str] | None = None,
    images: list[str] | None = None,
    id: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Record:
    record: Record = {"id": id, "text": text, "urls": urls or [], "images": images or [], "origin": where}
    # When the export has them: when it was posted, and the post's own address (to find it
    # again); the output record carries them as `date` and `post_url`.
    if date:
        record["date"] = date
    if url:
        record["post_url"] = url
    return record


def error_record(where: dict[str, Any], error: Msg | VerifyctlError, id: str | None = None) -> Record:
    msg = error if isinstance(error, Msg) else Msg(error.line("vi"), error.line("en"))
    return {"id": id, "error": {"vi": msg.vi, "en": msg.en}, "origin": where}


def default_id(where: dict[str, Any]) -> str:
    """A record without an id of its own is named by where it is: `file:index`."""
    return f"{where.get('file', '')}:{where.get('index', 0)}"


def has_bad_bytes(text: str) -> bool:
    """Input is decoded with `surrogateescape`; a lone surrogate marks a byte that was not UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


BAD_UTF8 = Msg("nội dung không phải UTF-8 hợp lệ", "content is not valid UTF-8")
