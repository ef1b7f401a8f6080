"""Human output with rich: the verdict in colour and words, then one line per reason.

Everything that came from the checked content goes through `clean()` first, so a post can
never move the cursor, recolour the terminal or reverse text (no ANSI or bidi injection).
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING

from verifyctl.i18n import Lang, Msg
from verifyctl.verdict import VERDICT_LABELS, Reason, Result, Verdict

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


def render(result: Result, lang: Lang, width: int | None = None, verbose: bool = False) -> Text:
    """The verdict as rich `Text`. With `width`, lines are wrapped here, each under its own
    indent (a reason's second line under its first word, not at column 0); `verbose` adds each
    reason's code tag (`[official_source]`), which a member does not need."""
    from rich.text import Text

    out = Text()
    if result.kind != "text":
        for text, style in runs(result, lang, width, verbose):
            out.append(text, style=style)
        return out
    mark, style = STYLES[result.verdict]
    out.append(f"{mark} {VERDICT_LABELS[result.verdict].get(lang).upper()}", style=style)
    out.append("  ")
    out.append("\n")
    if result.target.strip():  # an empty post (an input error) has no body to show
        out.append_text(_highlighted(result, width))
        out.append("\n")
    for text, style in _reason_runs(result, lang, width, verbose):
        out.append(text, style=style)
    return out


def runs(result: Result, lang: Lang, width: int | None = None, verbose: bool = False) -> list[Run]:
    """A link's or picture's verdict as runs of styled text (a post's is `render`'s alone: its
    matches are styled inside the post)."""
    mark, style = STYLES[result.verdict]
    head = [
        (f"{mark} {VERDICT_LABELS[result.verdict].get(lang).upper()}", style),
        ("  ", ""),
        (clean(result.target), "bold"),
        ("\n", ""),
    ]
    return head + _reason_runs(result, lang, width, verbose)


def _tag(reason: Reason) -> str:
    confidence = reason.fields.get("confidence")
    return f"  [{reason.code}: {confidence}]" if isinstance(confidence, str) else f"  [{reason.code}]"


def _reason_runs(result: Result, lang: Lang, width: int | None, verbose: bool) -> list[Run]:
    out: list[Run] = []
    for reason in result.reasons:
        rmark, rstyle = STYLES[reason.verdict]
        out.append((f"  {rmark} ", rstyle))
        message = clean(reason.message.get(lang))
        if verbose:
            # The tag is wrapped with the message's last word (joined by no-break spaces), so
            # it never starts a line of its own at column 0.
            tag = _tag(reason)
            joined = _hang(message + tag.replace(" ", "\xa0"), width, 4)
            out.append((joined[: -len(tag)].replace("\xa0", " "), ""))
            out.append((joined[-len(tag) :].replace("\xa0", " "), "dim"))
        else:
            out.append((_hang(message, width, 4), ""))
        out.append(("\n", ""))
        if reason.code == "rule_match":
            matched = clean(str(reason.fields.get("matched", "")))
            rule = f" — {reason.fields.get('rule')}" if verbose else ""
            out.append(("      " + _hang(f"“{matched}”{rule}", width, 6), "dim"))
            out.append(("\n", ""))
            advice = reason.fields.get("advice")
            if isinstance(advice, Msg):
                out.append(("      → " + _hang(clean(advice.get(lang)), width, 8), "italic"))
                out.append(("\n", ""))
    return out


def _hang(text: str, width: int | None, indent: int) -> str:
    """`text`, which starts at column `indent`, wrapped to `width` with every further line
    starting at that column too (textwrap counts characters: the messages' letters, Vietnamese
    included, are one cell each)."""
    if width is None or width - indent < 20:
        return text
    lines = textwrap.wrap(text, width - indent, break_on_hyphens=False)
    if not lines:
        return text
    return ("\n" + " " * indent).join(lines)


def _highlighted(result: Result, width: int | None = None) -> Text:
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
    if width is not None and width > 24:
        from rich.console import Console

        lines = out.wrap(Console(width=width, highlight=False), width - 4, overflow="fold")
    indented = Text()
    for line in lines:
        indented.append("    ")
        indented.append_text(line)
        indented.append("\n")
    indented.right_crop(1)
    return indented


def print_results(results: list[Result], lang: Lang, console: Console, verbose: bool = False) -> None:
    for result in results:
        console.print(render(result, lang, console.width, verbose), end="")
