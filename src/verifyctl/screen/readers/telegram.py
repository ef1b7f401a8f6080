"""Telegram Desktop export (`result.json`): one chat (`{name, type, id, messages}`) or a full
export (`{chats: {list: [chat, ...]}, left_chats: {...}}`).

A message's `text` is a string, or a list of strings and entities (`{"type": "text_link",
"text": "đây", "href": "https://…"}`): the visible text is joined, and each `text_link`'s
target is judged as a link of the post. Service messages (joins, pins) are not posts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from verifyctl.i18n import Msg
from verifyctl.screen.inputs import InputFile
from verifyctl.screen.readers import jsonwalk
from verifyctl.screen.readers.common import field, read_document, text_field, walk_records
from verifyctl.screen.record import Record, RecordError, post_record

_MISSING_FILE = "(File not included."


def read(src: InputFile) -> Iterator[Record]:
    text = read_document(src)
    walk = _export(text, jsonwalk.ws(text, 0))
    yield from walk_records(src, text, walk, lambda item, where: _message(item, where, src))


def _export(s: str, i: int) -> jsonwalk.Walk:
    handlers: dict[str, jsonwalk.Handler] = {"chats": _chat_lists, "left_chats": _chat_lists}
    meta: dict[str, Any] = {}
    handlers["messages"] = lambda s, i: _tagged(jsonwalk.array(s, i), meta)
    return (yield from jsonwalk.obj(s, i, handlers, meta))


def _chat_lists(s: str, i: int) -> jsonwalk.Walk:
    return (yield from jsonwalk.obj(s, i, {"list": _chats}, {}))


def _chats(s: str, i: int) -> jsonwalk.Walk:
    i = jsonwalk.expect(s, i, "[")
    i = jsonwalk.ws(s, i)
    if s.startswith("]", i):
        return i + 1
    while True:
        meta: dict[str, Any] = {}
        handlers: dict[str, jsonwalk.Handler] = {
            "messages": lambda s, i, meta=meta: _tagged(jsonwalk.array(s, i), meta)  # type: ignore[misc]
        }
        i = yield from jsonwalk.obj(s, i, handlers, meta)
        i = jsonwalk.ws(s, i)
        if s.startswith("]", i):
            return i + 1
        i = jsonwalk.ws(s, jsonwalk.expect(s, i, ","))


def _tagged(walk: jsonwalk.Walk, chat: dict[str, Any]) -> jsonwalk.Walk:
    """Each message paired with its chat's metadata (read before the messages)."""
    while True:
        try:
            item = next(walk)
        except StopIteration as stop:
            end: int = stop.value
            return end
        yield item if isinstance(item, jsonwalk.Damage) else (chat, item)


def flatten(text: Any) -> tuple[str, list[str]]:
    """The visible text of a message and the targets of its `text_link` entities."""
    if isinstance(text, str):
        return text, []
    if not isinstance(text, list):
        raise RecordError(Msg("trường 'text' có kiểu lạ", "field 'text' has an unexpected type"))
    parts: list[str] = []
    links: list[str] = []
    for piece in text:
        if isinstance(piece, str):
            parts.append(piece)
            continue
        parts.append(field(piece, "text", str, ""))
        if piece.get("type") == "text_link":
            href = field(piece, "href", str)
            if href:
                links.append(href)
    return "".join(parts), links


def _message(item: Any, where: dict[str, Any], src: InputFile) -> Record | None:
    chat, message = item
    if field(message, "type", str, "message") != "message":
        return None
    body, urls = flatten(message.get("text", ""))
    caption_images: list[str] = []
    photo = field(message, "photo", str)
    if photo and not photo.startswith(_MISSING_FILE):
        local = src.media(photo)
        if local:
            caption_images.append(local)
    attached = field(message, "file", str)
    if attached and field(message, "mime_type", str, "").startswith("image/"):
        local = src.media(attached)
        if local:
            caption_images.append(local)
    msg_id = message.get("id")
    chat_id = chat.get("id")
    ident = None
    if isinstance(msg_id, int | str):
        ident = f"{chat_id}/{msg_id}" if isinstance(chat_id, int | str) else str(msg_id)
    date = text_field(message, "date")
    return post_record(where, text=body, urls=urls, images=caption_images, id=ident, date=date)
