"""The HTML report: one self-contained page (inline CSS, SVG and a little JS; no external
asset, so it opens offline in any browser).

Everything that came from a post is escaped; on top of that a Content-Security-Policy allows
only the page's own script (by its hash), so even a mistake in escaping could not run a post's
script.
"""

from __future__ import annotations

import base64
import hashlib
import shlex
from html import escape
from typing import IO

from verifyctl.i18n import Lang, Msg, number
from verifyctl.screen.about import LABELS, RunInfo
from verifyctl.screen.html_post import COLOURS, Seen, highlight, post_html
from verifyctl.screen.outputs import atomic_text, journal_records
from verifyctl.screen.summary import Summary
from verifyctl.verdict import VERDICT_LABELS, Verdict

__all__ = ["DEFAULT_LIMIT", "SCRIPT", "highlight", "write_html"]

DEFAULT_LIMIT = 10_000  # posts shown; the rest are in the JSON Lines / CSV output
ORDER = (Verdict.DONT_SHARE, Verdict.ERROR, Verdict.VERIFY, Verdict.SHARE)
FLAGGED = (Verdict.DONT_SHARE, Verdict.ERROR, Verdict.VERIFY)

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
    "any_code": Msg("Mọi lý do", "Any reason"),
    "any_domain": Msg("Mọi tên miền", "Any domain"),
    "any_outlet": Msg("Mọi nguồn", "Any outlet"),
    "shown": Msg("Đang hiện", "Showing"),
    "none": Msg("(không có)", "(none)"),
    "of": Msg(
        "Trang này hiện {shown} trên {flagged} bài cần chú ý ({total} bài tất cả; bài nên chia sẻ không liệt kê).",
        "This page shows {shown} of {flagged} flagged posts ({total} posts in all; posts to share are not listed).",
    ),
    "more": Msg(
        "{n} bài cần chú ý còn lại không có trong trang này (giới hạn --html-limit {limit}). "
        "Để xem tất cả: chạy lại với --html-limit {flagged}, hoặc ghi mọi bài ra bảng tính: ",
        "The other {n} flagged posts are not in this page (limit --html-limit {limit}). "
        "To see them all, run again with --html-limit {flagged}, or write every post to a spreadsheet: ",
    ),
    "generated": Msg("Chạy lúc", "Run at"),
    "inputs": Msg("Đầu vào", "Inputs"),
    "tool": Msg("Công cụ", "Tool"),
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
#about dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.4rem 0}
#about dt{font-weight:600}#about dd{margin:0;overflow-wrap:anywhere}
.links{margin:.2rem 0;font-size:.92rem;overflow-wrap:anywhere}
.more{background:#fff8e1;border:1px solid #ffe082;border-radius:.4rem;padding:.5rem .8rem}
"""

SCRIPT = """(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  var posts = Array.prototype.slice.call(document.querySelectorAll("article.post"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=verdict]"));
  var lists = {};
  ["rule", "code", "domain", "outlet"].forEach(function (name) {
    lists[name] = form.querySelector("select[name=" + name + "]");
  });
  var data = {rule: "rules", code: "codes", domain: "domains", outlet: "outlets"};
  var search = form.querySelector("input[name=q]");
  var shown = document.getElementById("shown-count");
  var wanted = new URLSearchParams(location.hash.slice(1));
  if (wanted.get("verdict")) {
    var keep = wanted.get("verdict").split(",");
    boxes.forEach(function (b) { b.checked = keep.indexOf(b.value) >= 0; });
  }
  Object.keys(lists).forEach(function (name) {
    if (wanted.get(name)) { lists[name].value = wanted.get(name); }
  });
  if (wanted.get("q")) { search.value = wanted.get("q"); }
  function has(post, name) {
    var value = lists[name].value;
    return !value || (" " + post.getAttribute("data-" + data[name]) + " ").indexOf(" " + value + " ") >= 0;
  }
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var q = search.value.toLowerCase(), n = 0;
    posts.forEach(function (p) {
      var ok = on[p.dataset.verdict] && has(p, "rule") && has(p, "code") && has(p, "domain") &&
        has(p, "outlet") && (!q || p.textContent.toLowerCase().indexOf(q) >= 0);
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


def bar_chart(items: list[tuple[str, int, str]], empty: str, lang: Lang = "vi") -> str:
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
            f'<text x="{label_w + width + 6}" y="{y + 15}">{number(n, lang)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _summary(fh: IO[str], summary: Summary, lang: Lang, about: RunInfo) -> None:
    t = {k: v.get(lang) for k, v in T.items()}
    fh.write(f"<section id=\"summary\"><p><strong id=\"total\">{number(summary.total, lang)}</strong> {t['posts']}</p>")
    fh.write('<div class="counts">')
    for verdict in (Verdict.SHARE, Verdict.VERIFY, Verdict.DONT_SHARE, Verdict.ERROR):
        n = summary.verdicts.get(verdict.value, 0)
        fh.write(
            f'<div class="count" style="background:{COLOURS[verdict.value]}" data-verdict="{verdict.value}">'
            f'<span class="n" id="count-{verdict.value}">{number(n, lang)}</span>{escape(VERDICT_LABELS[verdict].get(lang))}</div>'
        )
    fh.write('</div><div class="charts">')
    charts = [
        (t["verdicts"], [(VERDICT_LABELS[v].get(lang), summary.verdicts.get(v.value, 0), COLOURS[v.value]) for v in ORDER]),
        (t["rules"], [(k, n, "#c62828") for k, n in summary.rules.most_common(10)]),
        (t["domains"], [(k, n, "#1565c0") for k, n in summary.domains.most_common(10)]),
        (t["imitated"], [(about.outlet(k, lang), n, "#6a1b9a") for k, n in summary.imitated.most_common(10)]),
    ]
    for title, items in charts:
        fh.write(f"<figure><figcaption>{escape(title)}</figcaption>{bar_chart(items, t['none'], lang)}</figure>")
    fh.write("</div>")
    if summary.errors:
        fh.write(f"<h2>{escape(t['errors'])}</h2><ul>")
        for ident, message in summary.errors:
            fh.write(f"<li>{f'<code>{escape(ident)}</code> ' if ident else ''}{escape(message)}</li>")
        fh.write("</ul>")
    fh.write("</section>\n")




def _filters(seen: Seen, lang: Lang, about: RunInfo) -> str:
    t = {k: v.get(lang) for k, v in T.items()}
    boxes = "".join(
        f'<label><input type="checkbox" name="verdict" value="{v.value}" checked> '
        f"{escape(VERDICT_LABELS[v].get(lang))}</label>"
        for v in FLAGGED
    )
    selects = []
    for name, anything, values, shown in (
        ("code", t["any_code"], seen.codes, lambda v: v),
        ("rule", t["any_rule"], seen.rules, lambda v: v),
        ("domain", t["any_domain"], seen.domains, lambda v: v),
        ("outlet", t["any_outlet"], seen.outlets, lambda v: about.outlet(v, lang)),
    ):
        options = "".join(
            f'<option value="{escape(v)}">{escape(shown(v))}</option>' for v in sorted(values, key=shown)[:500]
        )
        selects.append(f'<select name="{name}"><option value="">{escape(anything)}</option>{options}</select>')
    return (
        f'<form id="filters">{boxes}{"".join(selects)}'
        f'<input type="search" name="q" placeholder="{escape(t["search"])}">'
        f'<span>{escape(t["shown"])}: <strong id="shown-count">0</strong></span></form>\n'
    )


def _about(summary: Summary, lang: Lang, about: RunInfo, shown: int, limit: int) -> str:
    t = {k: v.get(lang) for k, v in T.items()}
    rows = [
        (t["inputs"], "<br>".join(escape(i) for i in about.inputs)),
        (t["generated"], escape(about.started)),
        (t["tool"], escape(f"verifyctl {about.version}")),
        *((LABELS[key].get(lang), escape(value)) for key, value in about.data),
    ]
    flagged = sum(summary.verdicts.get(v.value, 0) for v in FLAGGED)
    counts = T["of"].format(shown=number(shown, lang), flagged=number(flagged, lang), total=number(summary.total, lang))
    out = [
        '<section id="about"><dl>',
        *(f"<dt>{escape(name)}</dt><dd>{value}</dd>" for name, value in rows),
        f'</dl><p id="shown-of">{escape(counts.get(lang))}</p>',
    ]
    if flagged > shown:
        command = "verifyctl screen " + " ".join(shlex.quote(i) for i in about.inputs) + " -o "
        command += "ket-qua.xlsx" if lang == "vi" else "results.xlsx"
        more = T["more"].format(n=number(flagged - shown, lang), limit=limit, flagged=flagged)
        out.append(f'<p class="more" id="more">{escape(more.get(lang))}<code>{escape(command)}</code></p>')
    out.append("</section>\n")
    return "".join(out)


def write_html(
    journal: str, path: str, summary: Summary, lang: Lang, limit: int = DEFAULT_LIMIT, about: RunInfo | None = None
) -> None:
    about = about or RunInfo()
    t = {k: v.get(lang) for k, v in T.items()}
    # The shown posts are made first: the header says how many, the filters offer what they hold.
    seen = Seen()
    posts: list[str] = []
    # The worst first: one pass per verdict keeps input order within each.
    for verdict in FLAGGED:
        if len(posts) >= limit:
            break
        for out in journal_records(journal):
            if out.get("verdict") != verdict.value:
                continue
            if len(posts) >= limit:
                break
            posts.append(post_html(out, lang, about, seen))
    with atomic_text(path) as fh:
        fh.write(
            f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{_csp()}">'
            f"<title>{escape(t['title'])}</title><style>{STYLE}</style></head><body>\n"
            f"<h1>{escape(t['title'])}</h1>\n"
        )
        fh.write(_about(summary, lang, about, len(posts), limit))
        _summary(fh, summary, lang, about)
        fh.write(f'<section id="posts"><h2>{escape(t["flagged"])}</h2>\n')
        fh.write(_filters(seen, lang, about))
        fh.writelines(posts)
        fh.write(f"</section><script>{SCRIPT}</script></body></html>\n")
