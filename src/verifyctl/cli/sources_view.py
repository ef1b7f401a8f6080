"""Human views of the source list (rich): the `list` table and the `show` page.

List content is data a fork may edit, so every value goes through `clean()` before it reaches
the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from verifyctl.i18n import Lang, Msg
from verifyctl.render.human import clean
from verifyctl.sources.export import account_label
from verifyctl.sources.model import Impersonator, Source, SourceList

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

HEADERS = (
    Msg("id", "id"),
    Msg("tên", "name"),
    Msg("hạng", "tier"),
    Msg("phạm vi", "scope"),
    Msg("trạng thái", "status"),
    Msg("tên miền", "domains"),
    Msg("độ tin cậy", "confidence"),
)
STATES = {
    "active": Msg("đang hoạt động", "active"),
    "merged": Msg("đã sáp nhập", "merged"),
    "retired": Msg("đã ngừng", "retired"),
}


def _state(source: Source, lang: Lang) -> str:
    status = source.status
    label = STATES[status.state].get(lang)
    if status.until:
        label += f" {status.until.isoformat()}"
    if status.successor:
        label += f" → {status.successor}"
    return clean(label)


def source_table(sources: Sequence[Source], lang: Lang) -> Table:
    from rich.table import Table

    table = Table(show_lines=False)
    for header in HEADERS:
        table.add_column(header.get(lang))
    for source in sources:
        table.add_row(
            clean(source.id),
            clean(source.name if lang == "vi" else source.name_en),
            source.tier,
            source.scope,
            _state(source, lang),
            clean(" ".join(("*." if d.suffix else "") + d.host for d in source.domains)),
            source.confidence,
        )
    return table


def source_text(source: Source, sources: SourceList, lang: Lang) -> Text:
    from rich.text import Text

    vi = lang == "vi"
    out = Text()
    out.append(clean(source.name), style="bold")
    out.append(f"  ({clean(source.name_en)})\n")
    out.append(f"id: {clean(source.id)}   tier: {source.tier}   scope: {source.scope}   ")
    out.append(f"confidence: {source.confidence}   verified_on: {source.verified_on}\n")
    if source.aliases:
        out.append(("Tên khác: " if vi else "Aliases: ") + clean(", ".join(source.aliases)) + "\n")
    if source.parent:
        out.append(("Trực thuộc: " if vi else "Part of: ") + clean(source.parent) + "\n")
    out.append("\n" + ("Lịch sử trạng thái" if vi else "Status history") + "\n", style="bold")
    for line in _history(source, sources, lang):
        out.append(f"  {clean(line)}\n")
    out.append("\n" + ("Tên miền" if vi else "Domains") + "\n", style="bold")
    for domain in source.domains:
        flags: list[str] = [domain.confidence]
        if domain.subdomains:
            flags.append("+ subdomains")
        if domain.legacy:
            flags.append("legacy")
        host = ("*." if domain.suffix else "") + domain.host
        out.append(f"  {clean(host)}  [{', '.join(flags)}]\n")
        for url in domain.evidence:
            out.append(f"      {clean(url)}\n", style="dim")
    if source.accounts:
        out.append("\n" + ("Tài khoản mạng xã hội" if vi else "Social accounts") + "\n", style="bold")
        for account in source.accounts:
            out.append(f"  {clean(account_label(account))}  [{account.confidence}]\n")
    if source.note:
        out.append("\n" + clean(source.note) + "\n")
    out.append("\n" + ("Bằng chứng" if vi else "Evidence") + "\n", style="bold")
    for url in source.evidence:
        out.append(f"  {clean(url)}\n")
    return out


def _history(source: Source, sources: SourceList, lang: Lang) -> list[str]:
    vi = lang == "vi"
    status = source.status
    lines = []
    for before in sources.predecessors(source.id):
        until = before.status.until.isoformat() if before.status.until else "?"
        lines.append(
            f"{until}: tiếp nhận {before.id} ({before.name})" if vi else f"{until}: took over {before.id} ({before.name_en})"
        )
    if status.since:
        lines.append(f"{status.since}: " + ("bắt đầu hoạt động" if vi else "started"))
    if status.until:
        successor = sources.by_id(status.successor) if status.successor else None
        what = STATES[status.state].get(lang)
        target = f" → {successor.id} ({successor.name if vi else successor.name_en})" if successor else ""
        lines.append(f"{status.until}: {what}{target}")
    if not status.until:
        lines.append(STATES[status.state].get(lang))
    if status.note:
        lines.append(status.note)
    lines += list(status.evidence)
    return lines


def impersonator_text(item: Impersonator, sources: SourceList, lang: Lang) -> Text:
    from rich.text import Text

    vi = lang == "vi"
    out = Text()
    out.append(("KHÔNG CHÍNH THỐNG: " if vi else "NOT OFFICIAL: ") + clean(item.host) + "\n", style="bold red")
    if item.imitates:
        target = sources.by_id(item.imitates)
        name = (target.name if vi else target.name_en) if target else item.imitates
        out.append(("Giả dạng: " if vi else "Imitates: ") + clean(name) + "\n")
    out.append(clean(item.why) + "\n")
    for url in item.evidence:
        out.append(f"  {clean(url)}\n", style="dim")
    return out
