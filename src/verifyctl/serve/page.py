"""The page members open on their phones: a form, and the verdict as a large coloured card.

No script at all: the form posts and `/?target=` answers on the server, so the page works in
the plainest in-app browser. The style is inline and allowed by its hash in the CSP, so the
page is one request and loads nothing from anywhere.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from verifyctl.i18n import Lang, Msg
from verifyctl.sources.model import SourceList
from verifyctl.verdict import VERDICT_LABELS, Verdict

STYLE = Path(__file__).with_name("page.css").read_text(encoding="utf-8")
STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
SHOWN_CHARS = 300  # of the checked target, on the card (the box above still holds all of it)

TITLE = Msg("Có nên chia sẻ không?", "Share or not?")
LEAD = Msg(
    "Dán một đường link hoặc nội dung bài viết, hoặc chọn một bức ảnh, rồi bấm Kiểm tra.",
    "Paste a link or a post's text, or choose a picture, then press Check.",
)
FIELD = Msg("Đường link hoặc nội dung bài viết", "A link or a post's text")
PICTURE = Msg("Hoặc một bức ảnh", "Or a picture")
SUBMIT = Msg("Kiểm tra", "Check")
OTHER_LANG = {"vi": ("en", "English"), "en": ("vi", "Tiếng Việt")}
KINDS = {"url": Msg("Đường link", "Link"), "text": Msg("Bài viết", "Post"), "image": Msg("Ảnh", "Picture")}
OUTLET = Msg("Cơ quan", "Outlet")
MERGED_INTO = Msg("Đã sáp nhập vào", "Merged into")
IMITATES = Msg("Giả mạo", "Imitates")
ADVICE = Msg("Nên làm", "What to do")
PRIVACY = Msg(
    "Nội dung bạn gửi chỉ dùng để kiểm tra và không được lưu lại. Kết quả dựa trên danh sách "
    "nguồn chính thống, quy tắc cảnh báo và ảnh giả đã biết của máy chủ này.",
    "What you submit is used only for this check and is not stored. The answer comes from this "
    "server's list of official sources, flagged-phrase rules and known fake pictures.",
)
SUMMARY = {
    Verdict.SHARE: Msg("Nguồn chính thống, không có dấu hiệu đáng ngờ.", "An official source, and nothing flagged."),
    Verdict.VERIFY: Msg(
        "Chưa xác minh được: hãy tìm tin này trên báo chí chính thống trước khi chia sẻ.",
        "Not confirmed: find this in the official press before you share it.",
    ),
    Verdict.DONT_SHARE: Msg(
        "Có dấu hiệu giả mạo, lừa đảo hoặc vi phạm: không chia sẻ.",
        "Signs of impersonation, a scam or a breach: don't share it.",
    ),
    Verdict.ERROR: Msg("Không đọc được nội dung này.", "This could not be read."),
}
ICONS = {Verdict.SHARE: "✔", Verdict.VERIFY: "?", Verdict.DONT_SHARE: "✘", Verdict.ERROR: "!"}


@dataclass
class PageView:
    lang: Lang
    root: str  # where the app is mounted behind a proxy (--root-path), "" at the top
    sources: SourceList
    value: str = ""  # put back in the box, so a member can fix and resend it
    results: list[dict[str, Any]] = field(default_factory=list)  # as `check --format json`
    error: Msg | None = None


def render_page(view: PageView) -> str:
    lang = view.lang
    other, other_name = OTHER_LANG[lang]
    switch = {"lang": other}
    if view.value and len(view.value) < 2000:
        switch["target"] = view.value
    cards = "".join(_card(result, view) for result in view.results)
    error = f'<p class="error" role="alert">{escape(view.error.get(lang))}</p>' if view.error else ""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(TITLE.get(lang))} · verifyctl</title><style>{STYLE}</style></head><body><main>"
        f'<header><h1>{escape(TITLE.get(lang))}</h1><a class="lang" href="{escape(view.root)}/?'
        f'{escape(urlencode(switch))}" hreflang="{other}" lang="{other}">{other_name}</a></header>'
        f"{error}{cards}"
        f'<p class="lead">{escape(LEAD.get(lang))}</p>'
        f'<form method="post" action="{escape(view.root)}/" enctype="multipart/form-data">'
        f'<input type="hidden" name="lang" value="{lang}">'
        f'<label for="target">{escape(FIELD.get(lang))}</label>'
        f'<textarea id="target" name="target" rows="4" autocapitalize="off" spellcheck="false">'
        f"{escape(view.value)}</textarea>"
        f'<label for="picture">{escape(PICTURE.get(lang))}</label>'
        '<input type="file" id="picture" name="picture" accept="image/*">'
        f'<button type="submit">{escape(SUBMIT.get(lang))}</button></form>'
        f"<footer><p>{escape(PRIVACY.get(lang))}</p></footer></main></body></html>"
    )


def _card(result: dict[str, Any], view: PageView) -> str:
    lang = view.lang
    verdict = Verdict(result["verdict"])
    target = str(result["target"])
    shown = target if len(target) <= SHOWN_CHARS else target[:SHOWN_CHARS] + "…"
    kind = KINDS.get(str(result["kind"]), KINDS["text"]).get(lang)
    facts = "".join(_facts(result, view))
    reasons = "".join(_reason(reason, lang) for reason in result["reasons"])
    return (
        f'<section class="card verdict-{verdict.value}" data-verdict="{verdict.value}" role="status">'
        f'<p class="label"><span class="icon" aria-hidden="true">{ICONS[verdict]}</span>'
        f"{escape(VERDICT_LABELS[verdict].get(lang))}</p>"
        f'<p class="summary">{escape(SUMMARY[verdict].get(lang))}</p>'
        f'<p class="what">{escape(kind)}: <bdi>{escape(shown)}</bdi></p>'
        f"{f'<dl>{facts}</dl>' if facts else ''}<ul>{reasons}</ul></section>"
    )


def _facts(result: dict[str, Any], view: PageView) -> list[str]:
    """The outlet a link belongs to (or imitates), and where a merged outlet went."""
    out: list[str] = []
    seen: set[str] = set()
    for reason in result["reasons"]:
        source_id = reason.get("source_id")
        if isinstance(source_id, str) and source_id not in seen:
            seen.add(source_id)
            out.append(_pair(OUTLET, _outlet_name(view, source_id, reason.get("name")), view.lang))
        successor = reason.get("successor")
        if isinstance(successor, str):
            name = _outlet_name(view, successor, reason.get("successor_name"))
            host = _first_host(view.sources, successor)
            out.append(_pair(MERGED_INTO, f"{name} ({host})" if host else name, view.lang))
        imitated = reason.get("imitates")
        if isinstance(imitated, str) and imitated:
            name = _outlet_name(view, imitated, imitated)
            official = reason.get("official")
            out.append(_pair(IMITATES, f"{name} ({official})" if isinstance(official, str) else name, view.lang))
    return out


def _outlet_name(view: PageView, source_id: str, given: object) -> str:
    source = view.sources.by_id(source_id)
    if source is None:
        return str(given or source_id)
    return source.name if view.lang == "vi" else source.name_en


def _first_host(sources: SourceList, source_id: str) -> str | None:
    source = sources.by_id(source_id)
    if source is None or not source.domains:
        return None
    return source.domains[0].host


def _pair(term: Msg, value: str, lang: Lang) -> str:
    return f"<dt>{escape(term.get(lang))}</dt><dd>{escape(value)}</dd>"


def _reason(reason: dict[str, Any], lang: Lang) -> str:
    title = reason.get("title")
    head = f"<p><strong>{escape(str(title))}</strong></p>" if title else ""
    advice = reason.get("advice")
    tail = (
        f'<p class="advice"><strong>{escape(ADVICE.get(lang))}:</strong> {escape(str(advice))}</p>'
        if advice
        else ""
    )
    return f"<li>{head}<p>{escape(str(reason['message']))}</p>{tail}</li>"
