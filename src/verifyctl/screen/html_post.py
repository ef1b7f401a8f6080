"""One post in the HTML report: its verdict, when it was posted and where it came from (file,
line, the post's own address when the export has one), its text with the findings marked, its
links (clickable), and its reasons with outlets named. Everything from the post is escaped.

Links open with `rel="noopener noreferrer"` in a new tab: the page they open gets no handle on
the report and learns nothing of where it was opened from. Only http(s) links are made
clickable; anything else stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from typing import Any

from verifyctl.i18n import Lang, Msg
from verifyctl.screen.about import RunInfo
from verifyctl.screen.outputs import post_links
from verifyctl.screen.summary import host_of
from verifyctl.verdict import VERDICT_LABELS, Verdict

COLOURS = {"share": "#1a7f37", "verify": "#b58105", "dont_share": "#c62828", "error": "#7b1fa2"}
T = {
    "open": Msg("Mở bài gốc", "Open the post"),
    "posted": Msg("Đăng lúc", "Posted"),
    "line": Msg("dòng", "line"),
    "record": Msg("bản ghi", "record"),
    "links": Msg("Link", "Links"),
}


@dataclass
class Seen:
    """What the shown posts hold, for the filters' choices."""

    codes: dict[str, None] = field(default_factory=dict)
    rules: dict[str, None] = field(default_factory=dict)
    domains: dict[str, None] = field(default_factory=dict)
    outlets: dict[str, None] = field(default_factory=dict)


def highlight(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """The text escaped, with each matched span in a <mark> titled by its rule."""
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, rule in sorted(spans):
        start, end = max(0, start), min(len(text), end)
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), [*last[2], rule])
        else:
            merged.append((start, end, [rule]))
    out: list[str] = []
    pos = 0
    for start, end, rules in merged:
        out.append(escape(text[pos:start]))
        title = escape(", ".join(dict.fromkeys(rules)))
        out.append(f'<mark title="{title}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _spans(out: dict[str, Any]) -> Iterator[tuple[int, int, str]]:
    """The spans to mark: what a rule matched and the links that are not to share (an
    official link is not a finding)."""
    for reason in out.get("reasons") or []:
        if reason.get("verdict") == Verdict.SHARE:
            continue
        spans = reason.get("spans") or [reason.get("span")]
        label = str(reason.get("rule") or reason.get("code") or "")
        for span in spans:
            if (
                isinstance(span, list)
                and len(span) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) for v in span)
            ):
                yield span[0], span[1], label


def link(url: str, shown: str | None = None) -> str:
    """An escaped link that opens in a new tab, or plain escaped text for a non-web link."""
    text = escape(shown if shown is not None else url)
    if not url.lower().startswith(("https://", "http://")):
        return text
    return f'<a href="{escape(url)}" rel="noopener noreferrer" target="_blank">{text}</a>'


def post_html(out: dict[str, Any], lang: Lang, about: RunInfo, seen: Seen) -> str:
    verdict = str(out.get("verdict", "error"))
    colour = COLOURS.get(verdict, "#999")
    reasons = out.get("reasons") or []
    codes = list(dict.fromkeys(str(r.get("code", "")) for r in reasons if r.get("code")))
    rules = list(dict.fromkeys(str(r["rule"]) for r in reasons if r.get("rule")))
    domains = list(dict.fromkeys(h for h in (host_of(r) for r in reasons) if h))
    outlets = list(dict.fromkeys(str(r[k]) for r in reasons for k in ("imitates", "source_id") if r.get(k)))
    for name, values in (("codes", codes), ("rules", rules), ("domains", domains), ("outlets", outlets)):
        getattr(seen, name).update(dict.fromkeys(values))
    items = []
    for reason in reasons:
        extra = [str(reason[k]) for k in ("rule", "host", "image") if reason.get(k)]
        extra += [about.outlet(str(reason[k]), lang) for k in ("imitates",) if reason.get(k)]
        where = reason.get("link")
        items.append(
            f"<li><code>{escape(str(reason.get('code', '')))}</code> {escape(str(reason.get('message', '')))}"
            + (f" {link(where)}" if isinstance(where, str) and where else "")
            + (f" <code>{escape(' · '.join(dict.fromkeys(extra)))}</code>" if extra else "")
            + "</li>"
        )
    try:
        label = VERDICT_LABELS[Verdict(verdict)].get(lang)
    except ValueError:
        label = verdict
    links = post_links(out)
    links_html = (
        f'<p class="links">{escape(T["links"].get(lang))}: {" ".join(link(u) for u in links)}</p>' if links else ""
    )
    data = " ".join(
        f'data-{name}="{escape(" ".join(values))}"'
        for name, values in (("codes", codes), ("rules", rules), ("domains", domains), ("outlets", outlets))
    )
    return (
        f'<article class="post" data-verdict="{escape(verdict)}" {data} style="border-left-color:{colour}">'
        f'<header><span class="badge" style="background:{colour}">{escape(label)}</span>'
        f"<span>{escape(str(out.get('id', '')))}</span>{_when(out, lang)}{_where(out, lang)}</header>"
        f'<p class="text">{highlight(str(out.get("target", "")), _spans(out))}</p>{links_html}'
        f'<ul class="reasons">{"".join(items)}</ul></article>\n'
    )


def _when(out: dict[str, Any], lang: Lang) -> str:
    date = out.get("date")
    if not isinstance(date, str) or not date:
        return ""
    return f'<span class="date">{escape(T["posted"].get(lang))} <time datetime="{escape(date)}">{escape(date)}</time></span>'


def _where(out: dict[str, Any], lang: Lang) -> str:
    where = out.get("origin") or {}
    file = str(where.get("file", ""))
    if where.get("line"):
        place = f"{file}, {T['line'].get(lang)} {where['line']}"
    else:
        place = f"{file}, {T['record'].get(lang)} {where.get('index', '')}"
    shown = f'<span class="where">{escape(place)}</span>'
    post_url = out.get("post_url")
    if isinstance(post_url, str) and post_url:
        shown += f'<span class="post-url">{link(post_url, T["open"].get(lang))}</span>'
    return shown
