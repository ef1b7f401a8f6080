"""Facebook "Download Your Information" posts (JSON).

Older exports: `posts/your_posts_1.json`; 2024 and later:
`your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json`. Both are a list
of `{timestamp, data: [{post}], attachments: [{data: [{external_context: {url}} |
{media: {uri, description}}]}], title}`; some older ones wrap the list in an object
(`{"status_updates": [...]}`).

Facebook writes each UTF-8 byte of non-ASCII text as its own `\\u00XX` escape, so "Việt"
arrives as "Viá»\\x87t"; `unmojibake` undoes that.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from verifyctl.screen.inputs import InputFile
from verifyctl.screen.readers import jsonwalk
from verifyctl.screen.readers.common import field, iso_time, read_document, walk_records
from verifyctl.screen.record import Record, post_record


def unmojibake(text: str) -> str:
    """Facebook's byte-per-escape text back to Unicode; text that is not such mojibake
    (already proper Unicode, or bytes that are not UTF-8) is left as it is."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def read(src: InputFile) -> Iterator[Record]:
    text = read_document(src)
    start = jsonwalk.ws(text, 0)

    def posts(s: str, i: int) -> jsonwalk.Walk:
        if s.startswith("[", i):
            return (yield from jsonwalk.array(s, i))
        # {"status_updates": [...]} and the like: every list inside holds posts.
        return (yield from jsonwalk.obj(s, i, {}, {}, default=jsonwalk.lists))

    yield from walk_records(src, text, posts(text, start), lambda item, where: _post(item, where, src))


def _post(item: Any, where: dict[str, Any], src: InputFile) -> Record:
    texts: list[str] = []
    urls: list[str] = []
    images: list[str] = []
    for part in field(item, "data", list, []):
        post = field(part, "post", str)
        if post:
            texts.append(unmojibake(post))
    for attachment in field(item, "attachments", list, []):
        for data in field(attachment, "data", list, []):
            external = field(data, "external_context", dict)
            if external:
                url = field(external, "url", str)
                if url:
                    urls.append(unmojibake(url))
            media = field(data, "media", dict)
            if media:
                description = unmojibake(field(media, "description", str, ""))
                if description and description not in texts:
                    texts.append(description)
                uri = field(media, "uri", str)
                local = src.media(unmojibake(uri)) if uri else None
                if local:
                    images.append(local)
            note = field(data, "text", str)
            if note:
                texts.append(unmojibake(note))
    return post_record(where, text="\n".join(texts), urls=urls, images=images, date=iso_time(item.get("timestamp")))
