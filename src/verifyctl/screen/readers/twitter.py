"""X/Twitter archive: `data/tweets.js` (older archives: `data/tweet.js`, `tweets-part1.js`).

The file is JavaScript: `window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]`. Links in
`full_text` are `t.co` wrappers; the real target is `entities.urls[].expanded_url`, so the
text is judged with each wrapper replaced by its target, and picture wrappers
(`entities.media[].url`) are dropped from the text. Pictures are in `data/tweets_media/` as
`<tweet id>-<file name of media_url>`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from verifyctl.i18n import Msg
from verifyctl.screen.inputs import InputFile
from verifyctl.screen.readers import jsonwalk
from verifyctl.screen.readers.common import field, read_document, twitter_time, walk_records
from verifyctl.screen.record import Record, RecordError, error_record, origin, post_record

_PREFIX = re.compile(r"\s*window\.YTD\.[\w.]+\s*=\s*")


def read(src: InputFile) -> Iterator[Record]:
    text = read_document(src)
    prefix = _PREFIX.match(text)
    if prefix is None:
        yield error_record(
            origin(src.name, 1, 1),
            RecordError(
                Msg("không phải tweets.js của X (thiếu 'window.YTD.… ='')",
                    "not an X tweets.js (no 'window.YTD.… =' at the start)"),
                f"{src.name}:1",
            ),
        )
        return
    walk = jsonwalk.array(text, prefix.end())
    yield from walk_records(src, text, walk, lambda item, where: _tweet(item, where, src))


def _tweet(item: Any, where: dict[str, Any], src: InputFile) -> Record:
    tweet = field(item, "tweet", dict) or item
    body = field(tweet, "full_text", str) or field(tweet, "text", str, "")
    tweet_id = field(tweet, "id_str", str) or field(tweet, "id", str)
    urls: list[str] = []
    entities = field(tweet, "entities", dict, {})
    for entry in field(entities, "urls", list, []):
        wrapper = field(entry, "url", str, "")
        expanded = field(entry, "expanded_url", str, "")
        if expanded:
            urls.append(expanded)
            body = body.replace(wrapper, expanded) if wrapper else body
        elif wrapper:
            body = body.replace(wrapper, "")
    images: list[str] = []
    extended = field(tweet, "extended_entities", dict, {})
    media_items = field(extended, "media", list, []) or field(entities, "media", list, [])
    for media in media_items:
        wrapper = field(media, "url", str, "")
        if wrapper:
            body = body.replace(wrapper, "")
        media_url = field(media, "media_url_https", str) or field(media, "media_url", str, "")
        if tweet_id and media_url and field(media, "type", str, "photo") == "photo":
            local = src.media(f"tweets_media/{tweet_id}-{media_url.rsplit('/', 1)[-1]}")
            if local and local not in images:
                images.append(local)
    # Links judged from the text already (expanded in place) need no second look.
    date = twitter_time(tweet.get("created_at"))
    url = f"https://x.com/i/web/status/{tweet_id}" if tweet_id and tweet_id.isdigit() else None
    return post_record(where, text=body.strip(), urls=urls, images=images, id=tweet_id, date=date, url=url)
