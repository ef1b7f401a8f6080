"""The run's summary for a terminal (rich), and the progress bar. Anything that came from the
posts (domains) goes through `clean()`: no control sequences reach the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from verifyctl.i18n import Lang, Msg, number
from verifyctl.render.human import STYLES, clean
from verifyctl.screen.summary import Summary
from verifyctl.verdict import VERDICT_LABELS, Verdict

if TYPE_CHECKING:
    from rich.console import Group

T = {
    "total": Msg("Tổng số bản ghi", "Records"),
    "rules": Msg("Quy tắc khớp nhiều nhất", "Top rules"),
    "domains": Msg("Tên miền gặp nhiều nhất", "Top domains"),
    "imitated": Msg("Nguồn bị giả mạo nhiều nhất", "Most imitated outlets"),
    "errors": Msg("Bản ghi không đọc được", "Records that could not be read"),
    "posts": Msg("bài", "posts"),
}


def summary_view(summary: Summary, lang: Lang, top: int = 10, names: dict[str, dict[str, str]] | None = None) -> Group:
    """The counts and top lists; `names` gives outlets by name rather than id."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    t = {k: v.get(lang) for k, v in T.items()}
    counts = Table(show_header=False, box=None, padding=(0, 2))
    counts.add_row(Text(t["total"], style="bold"), Text(number(summary.total, lang), style="bold"))
    for verdict in (Verdict.SHARE, Verdict.VERIFY, Verdict.DONT_SHARE, Verdict.ERROR):
        mark, style = STYLES[verdict]
        counts.add_row(
            Text(f"{mark} {VERDICT_LABELS[verdict].get(lang)}", style=style),
            number(summary.verdicts.get(verdict.value, 0), lang),
        )
    parts: list[object] = [counts]
    for key, counter in (("rules", summary.rules), ("domains", summary.domains), ("imitated", summary.imitated)):
        common = counter.most_common(top)
        if not common:
            continue
        table = Table(show_header=False, box=None, padding=(0, 2))
        for name, n in common:
            if key == "imitated" and names:
                name = names.get(name, {}).get(lang) or name
            table.add_row(clean(name), number(n, lang))
        parts.append(Text(""))
        parts.append(Text(t[key], style="bold"))
        parts.append(table)
    if summary.errors:
        parts.append(Text(""))
        parts.append(Text(f"{t['errors']} ({number(summary.verdicts.get('error', 0), lang)})", style="bold magenta"))
        # One column, two cells in from the edge: a long message wraps under its own start.
        errors = Table(show_header=False, box=None, padding=(0, 0, 0, 2))
        for ident, message in summary.errors:
            errors.add_row(clean(f"{ident}: {message}" if ident else message))
        parts.append(errors)
    return Group(*parts)  # type: ignore[arg-type]
