"""Export files in the exact shapes the platforms write them, built in the test's folder.

- Facebook DYI: indent 2, every non-ASCII UTF-8 byte escaped on its own (`\\u00e1\\u00bb\\u0087`
  for "ệ"): the mojibake the reader has to undo.
- Telegram Desktop: indent 1, real UTF-8, `text` as a list with entities.
- X archive: `window.YTD.tweets.part0 = [...]`, `"key" : value` spacing, t.co links.
- CrowdTangle CSV: Excel's BOM, CrowdTangle's column set.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from PIL import Image

# (text, attached link) per post; the texts hold what the screening must see.
POSTS = [
    ("Thông báo của Ủy ban nhân dân tỉnh về lịch nghỉ Tết Nguyên đán.", "https://nhandan.vn/thong-bao-tet"),
    ("Hãy chia sẻ trước khi bị xóa! Tin nóng về giá xăng.", "https://nhandan-vn.com/gia-xang"),
    ("Ảnh hiện trường vụ việc ở Đồng Nai, mọi người cẩn thận.", None),
    ("Xem chi tiết tại đây nhé cả nhà", "https://tin-nong-24h.example/bai-viet"),
]


def fb_bytes(text: str) -> str:
    """How Facebook stores text: each UTF-8 byte as its own code point (then \\u00XX in JSON)."""
    return text.encode("utf-8").decode("latin-1")


def picture(path: Path, colour: tuple[int, int, int] = (200, 30, 30)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (64, 48), colour)
    for x in range(0, 64, 8):
        for y in range(48):
            image.putpixel((x, y), (255, 255, 255))
    image.save(path)
    return path


def facebook_post(text: str, link: str | None, media_uri: str | None, ts: int) -> dict[str, Any]:
    attachments: list[dict[str, Any]] = []
    if link:
        attachments.append({"data": [{"external_context": {"url": link}}]})
    if media_uri:
        attachments.append({"data": [{"media": {
            "uri": media_uri,
            "creation_timestamp": ts,
            "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "113.161.0.1", "taken_timestamp": ts}]}},
            "title": "",
            "description": fb_bytes(text),
        }}]})
    post: dict[str, Any] = {"timestamp": ts}
    if attachments:
        post["attachments"] = attachments
    post["data"] = [{"post": fb_bytes(text)}, {"update_timestamp": ts}]
    post["title"] = fb_bytes("Trang Tin Bình Phước đã chia sẻ một liên kết.")
    return post


def facebook_export(root: Path, new_layout: bool = True) -> Path:
    """An unzipped DYI export folder; returns the posts file."""
    if new_layout:
        folder = root / "your_facebook_activity" / "posts"
        name = "your_posts__check_ins__photos_and_videos_1.json"
        media_rel = "your_facebook_activity/posts/media/YourPosts_8Xk2/4211235656.jpg"
    else:
        folder = root / "posts"
        name = "your_posts_1.json"
        media_rel = "photos_and_videos/TimelinePhotos_8Xk2/4211235656.jpg"
    picture(root / media_rel)
    posts = []
    for i, (text, link) in enumerate(POSTS):
        media = media_rel if i == 2 else None
        posts.append(facebook_post(text, link, media, 1717484400 + i * 3600))
    # Facebook also lists posts with nothing but a missing photo.
    posts.append(facebook_post("", None, "your_facebook_activity/posts/media/YourPosts_8Xk2/missing.jpg", 1717500000))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(posts, indent=2), encoding="ascii")
    return path


def telegram_chat(chat_id: int, name: str, start: int = 1) -> dict[str, Any]:
    messages: list[dict[str, Any]] = [{
        "id": start, "type": "service", "date": "2024-06-01T08:00:00", "date_unixtime": "1717228800",
        "actor": name, "actor_id": f"channel{chat_id}", "action": "create_channel", "title": name,
        "text": "", "text_entities": [],
    }]
    for i, (text, link) in enumerate(POSTS):
        body: Any = text
        entities = [{"type": "plain", "text": text}]
        if link:
            body = [text + " ", {"type": "text_link", "text": "Xem thêm", "href": link}]
            entities = [{"type": "plain", "text": text + " "}, {"type": "text_link", "text": "Xem thêm", "href": link}]
        message: dict[str, Any] = {
            "id": start + 1 + i, "type": "message", "date": f"2024-06-01T09:0{i}:00",
            "date_unixtime": str(1717232400 + i * 60), "from": name, "from_id": f"channel{chat_id}",
            "text": body, "text_entities": entities,
        }
        if i == 2:
            message.update({"photo": "photos/photo_1@01-06-2024_09-02-00.jpg", "width": 64, "height": 48})
        messages.append(message)
    return {"name": name, "type": "public_channel", "id": chat_id, "messages": messages}


def telegram_export(root: Path, full: bool = False) -> Path:
    if full:
        chats = [telegram_chat(1001, "Tin tức Đồng Nai"), telegram_chat(1002, "Hội cựu chiến binh", 100)]
        for chat in chats:
            picture(root / "chats" / f"chat_{chat['id']}" / "photos" / "photo_1@01-06-2024_09-02-00.jpg")
            chat["messages"][3]["photo"] = f"chats/chat_{chat['id']}/photos/photo_1@01-06-2024_09-02-00.jpg"
        doc: dict[str, Any] = {
            "about": "Here is the data you requested from your Telegram account.",
            "personal_information": {"user_id": 5550001, "first_name": "Lan", "last_name": "", "phone_number": "+84 *** *** 123"},
            "chats": {"about": "This page lists all chats from this export.", "list": chats},
        }
    else:
        picture(root / "photos" / "photo_1@01-06-2024_09-02-00.jpg")
        doc = telegram_chat(1001, "Tin tức Đồng Nai")
    path = root / "result.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def tweet(i: int, text: str, link: str | None) -> dict[str, Any]:
    tweet_id = str(1797000000000000000 + i)
    urls = []
    full_text = text
    if link:
        wrapper = f"https://t.co/aB{i}xYz9Qk"
        full_text = f"{text} {wrapper}"
        urls.append({"url": wrapper, "expanded_url": link, "display_url": link.split("://")[1][:25] + "…",
                     "indices": [str(len(text) + 1), str(len(full_text))]})
    entities: dict[str, Any] = {"hashtags": [], "symbols": [], "user_mentions": [], "urls": urls}
    body: dict[str, Any] = {
        "edit_info": {"initial": {"editTweetIds": [tweet_id], "editableUntil": "2024-06-01T10:00:00.000Z",
                                  "editsRemaining": "5", "isEditEligible": True}},
        "retweeted": False,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": entities,
        "display_text_range": ["0", str(len(full_text))],
        "favorite_count": "3",
        "id_str": tweet_id,
        "truncated": False,
        "retweet_count": "1",
        "id": tweet_id,
        "created_at": "Sat Jun 01 09:00:00 +0000 2024",
        "favorited": False,
        "full_text": full_text,
        "lang": "vi",
    }
    if i == 2:
        media_wrapper = "https://t.co/PhOtO2xyz"
        body["full_text"] = f"{full_text} {media_wrapper}"
        media = [{"expanded_url": f"https://x.com/tinbp/status/{tweet_id}/photo/1", "indices": ["60", "83"],
                  "url": media_wrapper, "media_url": "http://pbs.twimg.com/media/GPx2AbCdEf.jpg",
                  "id_str": "1797000000000009999", "id": "1797000000000009999",
                  "media_url_https": "https://pbs.twimg.com/media/GPx2AbCdEf.jpg", "type": "photo",
                  "display_url": "pic.x.com/PhOtO2xyz"}]
        entities["media"] = media
        body["extended_entities"] = {"media": media}
    return {"tweet": body}


def twitter_export(root: Path) -> Path:
    data = root / "data"
    picture(data / "tweets_media" / f"{1797000000000000002}-GPx2AbCdEf.jpg")
    tweets = [tweet(i, text, link) for i, (text, link) in enumerate(POSTS)]
    data.mkdir(parents=True, exist_ok=True)
    path = data / "tweets.js"
    path.write_text("window.YTD.tweets.part0 = " + json.dumps(tweets, ensure_ascii=False, indent=2, separators=(",", " : ")),
                    encoding="utf-8")
    return path


CROWDTANGLE_HEADER = [
    "Page Name", "User Name", "Facebook Id", "Page Category", "Page Admin Top Country", "Page Description",
    "Page Created", "Likes at Posting", "Followers at Posting", "Post Created", "Post Created Date",
    "Post Created Time", "Type", "Total Interactions", "Likes", "Comments", "Shares", "Love", "Wow", "Haha",
    "Sad", "Angry", "Care", "Video Share Status", "Is Video Owner?", "Post Views", "Total Views",
    "Total Views For All Crossposts", "Video Length", "URL", "Message", "Link", "Final Link", "Image Text",
    "Link Text", "Description", "Sponsor Id", "Sponsor Name", "Sponsor Category",
    "Overperforming Score (weighted  —  Likes 1x Shares 1x Comments 1x Love 1x Wow 1x Haha 1x Sad 1x Angry 1x Care 1x )",
]


def crowdtangle_csv(path: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CROWDTANGLE_HEADER)
    for i, (text, link) in enumerate(POSTS):
        row = dict.fromkeys(CROWDTANGLE_HEADER, "")
        row.update({
            "Page Name": "Tin Bình Phước", "User Name": "tinbinhphuoc", "Facebook Id": "100064000000001",
            "Page Category": "MEDIA_NEWS_COMPANY", "Page Admin Top Country": "VN",
            "Post Created": f"2024-06-01 09:0{i}:00 ICT", "Type": "Link" if link else "Photo",
            "Total Interactions": str(10 * i), "Likes": str(i),
            "URL": f"https://www.facebook.com/tinbinhphuoc/posts/pfbid0{i}AbC",
            "Message": text if i != 2 else "", "Link": (link and link.replace("https://", "http://")) or "",
            "Final Link": link or "", "Image Text": text if i == 2 else "",
            "Link Text": "Báo Nhân Dân" if link else "",
        })
        writer.writerow(list(row.values()))
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return path


def jsonl_file(path: Path) -> Path:
    lines = []
    for i, (text, link) in enumerate(POSTS):
        obj: dict[str, Any] = {"id": f"p{i}", "text": text}
        if link:
            obj["urls" if i % 2 else "url"] = [link] if i % 2 else link
        lines.append(json.dumps(obj, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def text_file(path: Path) -> Path:
    path.write_text("\n".join(f"{t} {link or ''}".strip() for t, link in POSTS) + "\n", encoding="utf-8")
    return path
