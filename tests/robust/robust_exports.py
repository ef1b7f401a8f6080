"""Small exports in each platform's shape, for the reader properties and the fuzz seeds."""

from __future__ import annotations

import csv
import io
import json

POSTS = [
    ("Chuyển khoản gấp cho mình 5 triệu", "https://nhandan.vn/x"),
    ("Hãy chia sẻ trước khi bị xóa! <script>alert(1)</script>", "https://nhandan-vn.com/y"),
    ("=HYPERLINK(\"http://evil.com\",\"bấm\") \u202eevil\u202c \x1b[2J", None),
]


def facebook() -> bytes:
    items = []
    for i, (text, url) in enumerate(POSTS):
        item: dict[str, object] = {
            "timestamp": 1700000000 + i,
            "data": [{"post": text.encode("utf-8").decode("latin-1")}],
            "title": "Trang đã chia sẻ".encode().decode("latin-1"),
        }
        if url:
            item["attachments"] = [{"data": [{"external_context": {"url": url}}]}]
        items.append(item)
    return json.dumps(items, indent=2).encode()


def telegram() -> bytes:
    messages = []
    for i, (text, url) in enumerate(POSTS):
        body: object = [text, {"type": "text_link", "text": "link", "href": url}] if url else text
        messages.append({"id": i + 1, "type": "message", "date": "2025-01-01T08:00:00", "from": "A", "text": body})
    return json.dumps({"name": "Nhóm", "type": "public_supergroup", "id": 1, "messages": messages}, indent=1, ensure_ascii=False).encode()


def twitter() -> bytes:
    tweets = []
    for i, (text, url) in enumerate(POSTS):
        urls = [{"url": "https://t.co/abc", "expanded_url": url, "display_url": url}] if url else []
        tweets.append({"tweet": {"id_str": str(100 + i), "full_text": text + " https://t.co/abc", "entities": {"urls": urls}}})
    return ("window.YTD.tweets.part0 = " + json.dumps(tweets, indent=2, ensure_ascii=False)).encode()


def crowdtangle_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Page Name", "Message", "Link", "Final Link", "Image Text", "URL"])
    for i, (text, url) in enumerate(POSTS):
        writer.writerow(["Trang", text, url or "", url or "", "", f"https://facebook.com/p/{i}"])
    return "\ufeff".encode() + out.getvalue().encode()


def jsonl() -> bytes:
    return "".join(json.dumps({"id": f"p{i}", "text": t, "url": u}, ensure_ascii=False) + "\n" for i, (t, u) in enumerate(POSTS)).encode()


def text_lines() -> bytes:
    return "".join(t.replace("\n", " ") + "\n" for t, _ in POSTS).encode()


EXPORTS = {
    "facebook": ("your_posts_1.json", facebook),
    "telegram": ("result.json", telegram),
    "twitter": ("tweets.js", twitter),
    "csv": ("crowdtangle.csv", crowdtangle_csv),
    "jsonl": ("posts.jsonl", jsonl),
    "text": ("posts.txt", text_lines),
}
