"""The HTML report: one self-contained page (inline CSS, SVG and a little JS; no external
asset, so it opens offline in any browser).

Everything that came from a post is escaped; on top of that a Content-Security-Policy allows
only the page's own script (by its hash), so even a mistake in escaping could not run a post's
script.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from html import escape
from typing import IO, Any

from verifyctl.i18n import Lang, Msg
from verifyctl.screen.outputs import atomic_text, journal_records
from verifyctl.screen.summary import Summary
from verifyctl.verdict import VERDICT_LABELS, Verdict

DEFAULT_LIMIT = 10_000  # posts shown; the rest are in the JSON Lines / CSV output
ORDER = (Verdict.DONT_SHARE, Verdict.ERROR, Verdict.VERIFY, Verdict.SHARE)
COLOURS = {"share": "#1a7f37", "verify": "#b58105", "dont_share": "#c62828", "error": "#7b1fa2"}

T = {
    "title": Msg("Báo cáo sàng lọc bài viết — verifyctl", "Post screening report — verifyctl"),
    "posts": Msg("bài viết", "posts"),
    "verdicts": Msg("Kết luận", "Verdicts"),
    "rules": Msg("Quy tắc khớp nhiều nhất", "Top rules"),
    "domains": Msg("Tên miền gặp nhiều nhất", "Top domains"),
    "imitated": Msg("Nguồn bị giả mạo nhiều nhất", "Most imitated outlets"),
    "errors": Msg("Bản ghi không đọc được", "Records that could not be read"),
    "flagged": Msg("Bài cần chú ý", "Flagged posts"),
    "search": Msg("Tìm trong bài", "Search posts"),
    "any_rule": Msg("Mọi quy tắc", "Any rule"),
    "shown": Msg("Đang hiện", "Showing"),
    "none": Msg("(không có)", "(none)"),
    "more": Msg(
        "Còn {n} bài cần chú ý không hiện ở đây (giới hạn {limit}); xem tệp JSON Lines hoặc CSV.",
        "{n} more flagged posts are not shown here (limit {limit}); see the JSON Lines or CSV output.",
    ),
    "generated": Msg("Tạo lúc", "Generated"),
}

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
.counts{display:flex;gap:.8rem;flex-wrap:wrap}
.count{border-radius:.5rem;padding:.6rem 1rem;color:#fff;min-width:8rem}
.count .n{font-size:1.6rem;font-weight:700;display:block}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem}
figure{margin:0}figcaption{font-weight:600;margin:.4rem 0}
svg text{font:12px system-ui,sans-serif}
#filters{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #ddd;display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
.post{border:1px solid #ddd;border-left:6px solid #999;border-radius:.4rem;padding:.6rem .8rem;margin:.7rem 0}
.post header{display:flex;gap:.8rem;align-items:baseline;flex-wrap:wrap;font-size:.9rem;color:#555}
.badge{color:#fff;border-radius:.3rem;padding:0 .4rem;font-weight:600}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.4rem 0}
mark{background:#ffe082;padding:0 .1rem;border-radius:.2rem}
.reasons{margin:.2rem 0 0 1rem;padding:0;font-size:.92rem}
.reasons code{font-size:.85rem;color:#555}
.note{color:#555}
"""

SCRIPT = """(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  var posts = Array.prototype.slice.call(document.querySelectorAll("article.post"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=verdict]"));
  var rule = form.querySelector("select[name=rule]");
  var search = form.querySelector("input[name=q]");
  var shown = document.getElementById("shown-count");
  var wanted = new URLSearchParams(location.hash.slice(1));
  if (wanted.get("verdict")) {
    var keep = wanted.get("verdict").split(",");
    boxes.forEach(function (b) { b.checked = keep.indexOf(b.value) >= 0; });
  }
  if (wanted.get("rule")) { rule.value = wanted.get("rule"); }
  if (wanted.get("q")) { search.value = wanted.get("q"); }
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var r = rule.value, q = search.value.toLowerCase(), n = 0;
    posts.forEach(function (p) {
      var ok = on[p.dataset.verdict] &&
        (!r || (" " + p.dataset.rules + " ").indexOf(" " + r + " ") >= 0) &&
        (!q || p.textContent.toLowerCase().indexOf(q) >= 0);
      p.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = String(n);
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  apply();
  document.documentElement.setAttribute("data-ready", "1");
})();
"""


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    return f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'"


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


def bar_chart(items: list[tuple[str, int, str]], empty: str) -> str:
    if not items:
        return f'<p class="note">{escape(empty)}</p>'
    top = max(n for _, n, _ in items) or 1
    row, label_w, bar_w = 22, 190, 260
    parts = [
        f'<svg role="img" viewBox="0 0 {label_w + bar_w + 70} {row * len(items) + 4}" '
        f'width="100%" style="max-width:{label_w + bar_w + 70}px" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, n, colour) in enumerate(items):
        y = i * row + 2
        width = max(1, round(bar_w * n / top))
        shown = label if len(label) <= 30 else label[:29] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end"><title>{escape(label)}</title>{escape(shown)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{row - 6}" fill="{colour}" rx="2"/>'
            f'<text x="{label_w + width + 6}" y="{y + 15}">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _post(out: dict[str, Any], lang: Lang) -> str:
    verdict = str(out.get("verdict", "error"))
    colour = COLOURS.get(verdict, "#999")
    reasons = out.get("reasons") or []
    rules = " ".join(dict.fromkeys(str(r["rule"]) for r in reasons if r.get("rule")))
    where = out.get("origin") or {}
    origin = f"{where.get('file', '')} #{where.get('index', '')}"
    items = []
    for reason in reasons:
        extra = [str(reason[k]) for k in ("rule", "link", "host", "imitates", "image") if reason.get(k)]
        items.append(
            f"<li><code>{escape(str(reason.get('code', '')))}</code> {escape(str(reason.get('message', '')))}"
            + (f" <code>{escape(' · '.join(dict.fromkeys(extra)))}</code>" if extra else "")
            + "</li>"
        )
    try:
        label = VERDICT_LABELS[Verdict(verdict)].get(lang)
    except ValueError:
        label = verdict
    return (
        f'<article class="post" data-verdict="{escape(verdict)}" data-rules="{escape(rules)}" '
        f'style="border-left-color:{colour}">'
        f'<header><span class="badge" style="background:{colour}">{escape(label)}</span>'
        f"<span>{escape(str(out.get('id', '')))}</span><span>{escape(origin)}</span></header>"
        f'<p class="text">{highlight(str(out.get("target", "")), _spans(out))}</p>'
        f'<ul class="reasons">{"".join(items)}</ul></article>\n'
    )


def _summary(fh: IO[str], summary: Summary, lang: Lang) -> None:
    t = {k: v.get(lang) for k, v in T.items()}
    fh.write(f"<section id=\"summary\"><p><strong id=\"total\">{summary.total}</strong> {t['posts']}</p>")
    fh.write('<div class="counts">')
    for verdict in (Verdict.SHARE, Verdict.VERIFY, Verdict.DONT_SHARE, Verdict.ERROR):
        n = summary.verdicts.get(verdict.value, 0)
        fh.write(
            f'<div class="count" style="background:{COLOURS[verdict.value]}" data-verdict="{verdict.value}">'
            f'<span class="n" id="count-{verdict.value}">{n}</span>{escape(VERDICT_LABELS[verdict].get(lang))}</div>'
        )
    fh.write('</div><div class="charts">')
    charts = [
        (t["verdicts"], [(VERDICT_LABELS[v].get(lang), summary.verdicts.get(v.value, 0), COLOURS[v.value]) for v in ORDER]),
        (t["rules"], [(k, n, "#c62828") for k, n in summary.rules.most_common(10)]),
        (t["domains"], [(k, n, "#1565c0") for k, n in summary.domains.most_common(10)]),
        (t["imitated"], [(k, n, "#6a1b9a") for k, n in summary.imitated.most_common(10)]),
    ]
    for title, items in charts:
        fh.write(f"<figure><figcaption>{escape(title)}</figcaption>{bar_chart(items, t['none'])}</figure>")
    fh.write("</div>")
    if summary.errors:
        fh.write(f"<h2>{escape(t['errors'])}</h2><ul>")
        for ident, message in summary.errors:
            fh.write(f"<li><code>{escape(ident)}</code> {escape(message)}</li>")
        fh.write("</ul>")
    fh.write("</section>\n")


def _filters(summary: Summary, lang: Lang) -> str:
    t = {k: v.get(lang) for k, v in T.items()}
    boxes = "".join(
        f'<label><input type="checkbox" name="verdict" value="{v.value}" checked> '
        f"{escape(VERDICT_LABELS[v].get(lang))}</label>"
        for v in (Verdict.DONT_SHARE, Verdict.VERIFY, Verdict.ERROR)
    )
    options = "".join(
        f'<option value="{escape(rule)}">{escape(rule)}</option>' for rule, _ in summary.rules.most_common(200)
    )
    return (
        f'<form id="filters">{boxes}'
        f'<select name="rule"><option value="">{escape(t["any_rule"])}</option>{options}</select>'
        f'<input type="search" name="q" placeholder="{escape(t["search"])}">'
        f'<span>{escape(t["shown"])}: <strong id="shown-count">0</strong></span></form>\n'
    )


def write_html(journal: str, path: str, summary: Summary, lang: Lang, limit: int = DEFAULT_LIMIT) -> None:
    t = {k: v.get(lang) for k, v in T.items()}
    with atomic_text(path) as fh:
        fh.write(
            f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{_csp()}">'
            f"<title>{escape(t['title'])}</title><style>{STYLE}</style></head><body>\n"
            f"<h1>{escape(t['title'])}</h1>"
            f'<p class="note">{escape(t["generated"])}: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %z}</p>\n'
        )
        _summary(fh, summary, lang)
        fh.write(f'<section id="posts"><h2>{escape(t["flagged"])}</h2>\n')
        fh.write(_filters(summary, lang))
        shown = 0
        # The worst first: one pass per verdict keeps memory flat and input order within each.
        for verdict in (Verdict.DONT_SHARE, Verdict.ERROR, Verdict.VERIFY):
            if shown >= limit:
                break
            for out in journal_records(journal):
                if out.get("verdict") != verdict.value:
                    continue
                if shown >= limit:
                    break
                fh.write(_post(out, lang))
                shown += 1
        flagged = sum(summary.verdicts.get(v.value, 0) for v in (Verdict.DONT_SHARE, Verdict.ERROR, Verdict.VERIFY))
        if flagged > shown:
            fh.write(f'<p class="note" id="more">{escape(T["more"].format(n=flagged - shown, limit=limit).get(lang))}</p>')
        fh.write(f"</section><script>{SCRIPT}</script></body></html>\n")
