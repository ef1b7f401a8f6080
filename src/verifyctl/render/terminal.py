"""Human output written straight to a terminal without rich, when that is byte for byte what
rich would write.

Importing rich costs about 20 ms: a third of a whole `verifyctl check URL` on a terminal
(issue 3's cold-start target). In the common case (a plain UTF-8 terminal on a POSIX system,
nothing in the environment that changes rich's colours or size, and every character of the
output one cell wide) what `rich.console.Console.print` does with the verdict's `Text` is
short: wrap each line at the terminal's width the way rich's `divide_line` does, then wrap each
styled run in its SGR codes. Outside that case `ansi` and `terminal_width` return None and the
caller prints with rich. tests/test_render_terminal.py holds this to rich's own output.
"""

from __future__ import annotations

import itertools
import os
import re
import sys

from verifyctl.render.human import Run

# The styles the verdicts use, as rich writes them with any colour system but Windows'.
SGR = {
    "bold green": "1;32",
    "bold yellow": "1;33",
    "bold red": "1;31",
    "bold magenta": "1;35",
    "bold": "1",
    "dim": "2",
    "italic": "3",
}
# Characters rich measures as one cell: its own single-cell ranges (cells.py), Vietnamese
# letters with tone marks (Latin Extended Additional) and the symbols the messages use.
ONE_CELL = frozenset(
    chr(c)
    for first, last in (
        (0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x1E00, 0x1EFF),
        (0x2500, 0x25FC), (0x2800, 0x28FF),
    )
    for c in range(first, last + 1)
) | frozenset("✔✘→↪“”‘’—–…•\ufffd")  # fmt: skip
# Settings rich reads that change its colours, width or idea of a terminal.
RICH_SETTINGS = (
    "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES",
    "JUPYTER_COLUMNS", "JUPYTER_LINES",
)  # fmt: skip
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")


def terminal_width() -> int | None:
    """The width rich would wrap at on this terminal, or None when rich must decide."""
    if sys.platform == "win32" or any(name in os.environ for name in RICH_SETTINGS):
        return None
    if os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return None
    out = sys.stdout
    if not out.isatty() or (out.encoding or "").lower().replace("-", "") != "utf8":
        return None
    for fd in (0, 1, 2):  # rich asks stdin, stdout, stderr in this order
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def ansi(runs: list[Run], width: int, end: str = "") -> str | None:
    """What rich's `Console.print(text, end=end)` writes for a `Text` made of `runs` on a
    terminal `width` cells wide; None if a character is not one cell wide or a style unknown."""
    if any(style and style not in SGR for _, style in runs):
        return None
    if not ONE_CELL.issuperset("".join(text for text, _ in runs).replace("\n", "")):
        return None
    lines: list[list[Run]] = [[]]
    for text, style in runs:
        first, *rest = text.split("\n")
        lines[-1].append((first, style))
        lines.extend([(part, style)] for part in rest)
    out = "\n".join("\n".join(_styled(row) for row in _wrap(line, width)) for line in lines)
    return out + end


def _styled(row: list[Run]) -> str:
    return "".join(f"\x1b[{SGR[style]}m{text}\x1b[0m" if style else text for text, style in row if text)


def _wrap(line: list[Run], width: int) -> list[list[Run]]:
    """One line cut into rows as rich's `Text.wrap` does (justify "default", overflow "fold")."""
    text = "".join(t for t, _ in line)
    rows = []
    bounds = [0, *_breaks(text, width), len(text)]
    for start, stop in itertools.pairwise(bounds):
        excess = stop - start - width
        if excess > 0:  # rich's rstrip_end, then truncate: a row never outgrows the width
            space = _TRAILING_SPACE.search(text, start, stop)
            stop -= min(len(space.group()) if space else 0, excess)
            stop = min(stop, start + width)
        rows.append(_slice(line, start, stop))
    return rows


def _breaks(text: str, width: int) -> list[int]:
    """rich's `divide_line` for text whose characters are all one cell wide."""
    breaks: list[int] = []
    offset = 0
    match = _WORD.match(text)
    while match is not None:
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # a word longer than a line is folded
            pieces = [word[i : i + width] for i in range(0, len(word), width)]
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            offset = len(pieces[-1])
        elif offset and start:
            breaks.append(start)
            offset = len(word)
        match = _WORD.match(text, match.end())
    return breaks


def _slice(line: list[Run], start: int, stop: int) -> list[Run]:
    out: list[Run] = []
    pos = 0
    for text, style in line:
        end = pos + len(text)
        if end > start and pos < stop:
            out.append((text[max(start - pos, 0) : stop - pos], style))
        pos = end
    return out
