"""Which reader a file needs, from its name and its first bytes."""

from __future__ import annotations

import json
import re
from typing import Literal

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.screen.inputs import strip_gz

Format = Literal["facebook", "telegram", "twitter", "csv", "jsonl", "text"]
FORMATS: tuple[Format, ...] = ("facebook", "telegram", "twitter", "csv", "jsonl", "text")

_YTD = re.compile(rb"^\s*window\.YTD\.")
_TELEGRAM = re.compile(rb'"(messages|chats)"\s*:')
_FACEBOOK = re.compile(rb'"(timestamp|attachments|status_updates|group_posts_v2)"\s*:')


def detect(name: str, head: bytes) -> Format:
    lower = strip_gz(name).lower()
    head = head.removeprefix(b"\xef\xbb\xbf")
    if lower.endswith((".csv", ".tsv")):
        return "csv"
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if _YTD.match(head) or lower.endswith(".js"):
        # X's archive is the only JavaScript file read: a cut or damaged one is still X's, and
        # its reader says what is wrong rather than the text reader taking it as posts.
        return "twitter"
    if lower.endswith(".txt"):
        return "text"
    stripped = head.lstrip()
    if stripped.startswith(b"["):
        return "facebook"
    if stripped.startswith(b"{"):
        if _first_line_is_object(stripped):
            return "jsonl"
        if _TELEGRAM.search(head):
            return "telegram"
        if _FACEBOOK.search(head):
            return "facebook"
        raise VerifyctlError(
            Msg(
                "không nhận ra định dạng JSON này; chỉ rõ bằng --input-format",
                "cannot tell which JSON export this is; say it with --input-format",
            ),
            name,
        )
    if lower.endswith(".json"):
        raise VerifyctlError(Msg("không phải JSON", "not JSON"), name)
    return "text"


def _first_line_is_object(head: bytes) -> bool:
    """JSON Lines: the first line is a whole object by itself."""
    line, newline, _ = head.partition(b"\n")
    if not newline:
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
