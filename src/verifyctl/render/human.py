"""Human output with rich: the verdict in colour and words, then one line per reason.

Everything that came from the checked content goes through `clean()` first, so a post can
never move the cursor, recolour the terminal or reverse text (no ANSI or bidi injection).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from verifyctl.i18n import Lang, Msg
from verifyctl.verdict import VERDICT_LABELS, Result, Verdict

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# C0/C1 controls (but tab and newline), DEL, and the bidi embedding/override/isolate marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

STYLES = {
    Verdict.SHARE: ("✔", "bold green"),
    Verdict.VERIFY: ("?", "bold yellow"),
    Verdict.DONT_SHARE: ("✘", "bold red"),
    Verdict.ERROR: ("!", "bold magenta"),
}


def clean(text: str) -> str:
    return _UNSAFE.sub("\ufffd", text)


Run = tuple[str, str]  # a piece of output and its rich style ("" for none)


def render(result: Result, lang: Lang) -> Text:
    from rich.text import Text

    out = Text()
    if result.kind != "text":
        for text, style in runs(result, lang):
            out.append(text, style=style)
        return out
    mark, style = STYLES[result.verdict]
    out.append(f"{mark} {VERDICT_LABELS[result.verdict].get(lang).upper()}", style=style)
    out.append("  ")
    out.append("\n")
    out.append_text(_highlighted(result))
    out.append("\n")
    for text, style in _reason_runs(result, lang):
        out.append(text, style=style)
    return out


def runs(result: Result, lang: Lang) -> list[Run]:
    """A link's or picture's verdict as runs of styled text (a post's is `render`'s alone: its
    matches are styled inside the post)."""
    mark, style = STYLES[result.verdict]
    head = [
        (f"{mark} {VERDICT_LABELS[result.verdict].get(lang).upper()}", style),
        ("  ", ""),
        (clean(result.target), "bold"),
        ("\n", ""),
    ]
    return head + _reason_runs(result, lang)


def _reason_runs(result: Result, lang: Lang) -> list[Run]:
    out: list[Run] = []
    for reason in result.reasons:
        rmark, rstyle = STYLES[reason.verdict]
        out.append((f"  {rmark} ", rstyle))
        out.append((clean(reason.message.get(lang)), ""))
        out.append((f"  [{reason.code}]", "dim"))
        out.append(("\n", ""))
        if reason.code == "rule_match":
            matched = clean(str(reason.fields.get("matched", "")))
            out.append((f"      “{matched}” — {reason.fields.get('rule')}", "dim"))
            out.append(("\n", ""))
            advice = reason.fields.get("advice")
            if isinstance(advice, Msg):
                out.append((f"      → {clean(advice.get(lang))}", "italic"))
                out.append(("\n", ""))
    return out


def _highlighted(result: Result) -> Text:
    """The post, indented, with each matched span (and each link) in its reason's colour."""
    from rich.text import Text

    text = result.target
    out = Text(clean(text))  # clean() swaps one character for one, so offsets still hold
    for reason in result.reasons:
        spans = reason.fields.get("spans") or ([reason.fields["span"]] if "span" in reason.fields else [])
        style = "underline" if reason.code != "rule_match" else STYLES[reason.verdict][1].replace("bold ", "reverse ")
        for start, end in spans:
            if 0 <= start < end <= len(text):
                out.stylize(style, start, end)
    lines = out.split("\n")
    indented = Text()
    for line in lines:
        indented.append("    ")
        indented.append_text(line)
        indented.append("\n")
    indented.right_crop(1)
    return indented


def print_results(results: list[Result], lang: Lang, console: Console) -> None:
    for result in results:
        console.print(render(result, lang), end="")
