"""The Excel workbook (`screen -o report.xlsx`), written with XlsxWriter (the `xlsx` extra).

Sheet one holds one row per post, in input order: a header row with filters, frozen so it
stays in view, the verdict cell in its colour, the post's address and first link as hyperlinks.
Sheet two says what produced it (the same header as the HTML report) and the counts.

Every cell from a post is written as a string (`write_string`), never a formula: a post that
starts with `=HYPERLINK(…)` or `+`, `-`, `@` is shown as the text it is. The workbook is written
row by row (`constant_memory`), so a run of a million posts does not hold them all; past
Excel's own limits (1,048,576 rows, 65,530 hyperlinks in a sheet) the rest is said, not lost:
the JSON Lines output has everything.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from contextlib import suppress
from typing import Any

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Lang, Msg, number
from verifyctl.screen.about import LABELS, RunInfo
from verifyctl.screen.outputs import journal_records, post_links
from verifyctl.screen.summary import Summary
from verifyctl.verdict import VERDICT_LABELS, Verdict

MAX_ROWS = 1_048_576
MAX_LINKS = 65_530
MAX_CELL = 32_767  # characters in one cell
COLOURS = {  # background, text: light fills that stay readable when printed
    "share": ("#d8f0dd", "#1a5e2a"),
    "verify": ("#fff1c2", "#6b4d00"),
    "dont_share": ("#f9d4d2", "#8e1b13"),
    "error": ("#ead7f2", "#5b1577"),
}
HEADINGS = {
    "id": Msg("Mã bài", "Post id"),
    "verdict": Msg("Kết luận", "Verdict"),
    "date": Msg("Ngày đăng", "Posted"),
    "file": Msg("Tệp", "File"),
    "line": Msg("Dòng", "Line"),
    "post_url": Msg("Link bài", "Post link"),
    "text": Msg("Nội dung", "Text"),
    "reasons": Msg("Lý do", "Reasons"),
    "rules": Msg("Quy tắc", "Rules"),
    "link": Msg("Link trong bài", "Link in the post"),
    "more_links": Msg("Các link khác", "Other links"),
    "outlets": Msg("Nguồn liên quan", "Outlets"),
    "codes": Msg("Mã lý do", "Reason codes"),
}
WIDTHS = {"id": 18, "verdict": 22, "date": 20, "file": 24, "line": 7, "post_url": 30, "text": 70,
          "reasons": 70, "rules": 24, "link": 34, "more_links": 30, "outlets": 26, "codes": 24}  # fmt: skip
T = {
    "posts": Msg("Bài viết", "Posts"),
    "about": Msg("Thông tin", "About"),
    "inputs": Msg("Đầu vào", "Inputs"),
    "started": Msg("Chạy lúc", "Run at"),
    "tool": Msg("Công cụ", "Tool"),
    "total": Msg("Tổng số bài", "Posts"),
    "cut": Msg(
        "Chỉ {shown} trên {total} bài vừa trong một trang tính Excel; xem đủ bằng -o ket-qua.jsonl.",
        "Only {shown} of {total} posts fit in one Excel sheet; for all of them use -o results.jsonl.",
    ),
}
NEEDS_EXTRA = Msg(
    'ghi tệp Excel cần gói XlsxWriter: pip install "verifyctl[xlsx]"',
    'writing Excel needs XlsxWriter: pip install "verifyctl[xlsx]"',
)


def write_xlsx(journal: str, path: str, summary: Summary, lang: Lang, about: RunInfo) -> None:
    try:
        import xlsxwriter
    except ImportError:
        raise VerifyctlError(NEEDS_EXTRA, path) from None
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".verifyctl-", suffix=".xlsx", dir=folder)
    os.close(fd)
    try:
        options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                   "strings_to_numbers": False, "tmpdir": folder}  # fmt: skip
        with warnings.catch_warnings():  # XlsxWriter warns about a URL it cannot store: handled
            warnings.simplefilter("ignore")
            workbook = xlsxwriter.Workbook(tmp, options)
            _posts(workbook, journal, summary, lang, about)
            _about(workbook, summary, lang, about)
            workbook.close()
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _posts(workbook: Any, journal: str, summary: Summary, lang: Lang, about: RunInfo) -> None:
    sheet = workbook.add_worksheet(T["posts"].get(lang))
    head = workbook.add_format({"bold": True, "bg_color": "#eeeeee", "bottom": 1, "text_wrap": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    top = workbook.add_format({"valign": "top"})
    link = workbook.add_format({"font_color": "#1155cc", "underline": 1, "valign": "top"})
    verdicts = {
        v: workbook.add_format({"bg_color": bg, "font_color": fg, "bold": True, "valign": "top"})
        for v, (bg, fg) in COLOURS.items()
    }
    keys = list(HEADINGS)
    for col, key in enumerate(keys):
        sheet.set_column(col, col, WIDTHS[key], wrap if key in ("text", "reasons") else top)
        sheet.write_string(0, col, HEADINGS[key].get(lang), head)
    sheet.freeze_panes(1, 0)
    row = 0
    links = 0
    for out in journal_records(journal):
        if row + 1 >= MAX_ROWS:
            break
        row += 1
        cells = _cells(out, lang, about)
        for col, key in enumerate(keys):
            value = cells[key]
            if not value:
                continue
            # write_url answers 0 when the link was stored; else it is written as text below.
            if (
                key in ("post_url", "link")
                and links < MAX_LINKS
                and _web(value)
                and sheet.write_url(row, col, value, link, string=value[:MAX_CELL]) == 0
            ):
                links += 1
                continue
            fmt = verdicts.get(str(out.get("verdict")), top) if key == "verdict" else None
            sheet.write_string(row, col, value[:MAX_CELL], fmt)
    sheet.autofilter(0, 0, max(row, 1), len(keys) - 1)
    if row < summary.total:
        note = T["cut"].format(shown=number(row, lang), total=number(summary.total, lang))
        sheet.write_string(row + 2, 0, note.get(lang))


def _cells(out: dict[str, Any], lang: Lang, about: RunInfo) -> dict[str, str]:
    reasons = out.get("reasons") or []
    where = out.get("origin") or {}
    verdict = str(out.get("verdict", "error"))
    try:
        label = VERDICT_LABELS[Verdict(verdict)].get(lang)
    except ValueError:
        label = verdict
    found = post_links(out)
    outlets = dict.fromkeys(
        about.outlet(str(r[k]), lang) for r in reasons for k in ("imitates", "source_id") if r.get(k)
    )
    return {
        "id": str(out.get("id", "")),
        "verdict": label,
        "date": str(out.get("date") or ""),
        "file": str(where.get("file", "")),
        "line": str(where.get("line") or where.get("index") or ""),
        "post_url": str(out.get("post_url") or ""),
        "text": str(out.get("target", "")),
        "reasons": "\n".join(f"• {r.get('message', '')}" for r in reasons),
        "rules": " ".join(dict.fromkeys(str(r["rule"]) for r in reasons if r.get("rule"))),
        "link": found[0] if found else "",
        "more_links": "\n".join(found[1:]),
        "outlets": ", ".join(outlets),
        "codes": " ".join(dict.fromkeys(str(r.get("code", "")) for r in reasons)),
    }


def _web(value: str) -> bool:
    return value.startswith(("https://", "http://")) and len(value) <= 2000 and not any(c.isspace() for c in value)


def _about(workbook: Any, summary: Summary, lang: Lang, about: RunInfo) -> None:
    sheet = workbook.add_worksheet(T["about"].get(lang))
    bold = workbook.add_format({"bold": True})
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 90)
    rows: list[tuple[str, str]] = [
        (T["inputs"].get(lang), "\n".join(about.inputs)),
        (T["started"].get(lang), about.started),
        (T["tool"].get(lang), f"verifyctl {about.version}"),
        *((LABELS[key].get(lang), shown) for key, shown in about.data),
        (T["total"].get(lang), number(summary.total, lang)),
        *(
            (VERDICT_LABELS[v].get(lang), number(summary.verdicts.get(v.value, 0), lang))
            for v in (Verdict.SHARE, Verdict.VERIFY, Verdict.DONT_SHARE, Verdict.ERROR)
        ),
    ]
    for i, (name, value) in enumerate(rows):
        sheet.write_string(i, 0, name, bold)
        sheet.write_string(i, 1, value)
