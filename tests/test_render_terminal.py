"""Human output written without rich (render/terminal.py) must be exactly what rich writes:
checked on real verdicts, on generated text at many widths, and through the installed command
on a pseudo-terminal."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import termios
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from cli_support import verifyctl_command
from verifyctl.engine import Engine
from verifyctl.i18n import Lang, Msg
from verifyctl.render.human import STYLES, Run, render, runs
from verifyctl.render.terminal import ONE_CELL, RICH_SETTINGS, SGR, ansi
from verifyctl.verdict import Reason, Result, Verdict

COLOR_SYSTEMS = ["standard", "256", "truecolor"]
WIDTHS = [1, 2, 7, 20, 39, 40, 41, 60, 80, 81, 100, 132, 300]
TARGETS = [
    "https://nhandan.vn/x",
    "nhạndan.vn",
    "https://xn--nhndan-rya.vn/tin-tuc/bai-viet-rat-dai-" + "x" * 120,
    "https://www.facebook.com/thongtinchinhphu/posts/123",
    "https://www.youtube.com/@VTV24/videos",
    "https://bit.ly/abc",
    "http://203.162.0.1/x",
    "https://nhandan.vn.example.xyz/",
    "https://vnexpress.net/tin-tuc",
    "https://example.com/a b",
    "javascript:alert(1)",
    "https://evil.com\\@nhandan.vn/",
    "https://аррlе.com/",  # Cyrillic a, p, e
    "https://例子.测试/",  # wide characters: rich's way
    "https://e\u0301xample.com/",  # a combining accent: rich's way
]


def _rich(pieces: Text, width: int, color_system: str, end: str = "") -> str:
    out = io.StringIO()
    console = Console(
        file=out, force_terminal=True, width=width, color_system=color_system, highlight=False, _environ={}
    )  # type: ignore[arg-type]
    console.print(pieces, end=end)
    return out.getvalue()


def _text(pieces: list[Run]) -> Text:
    text = Text()
    for part, style in pieces:
        text.append(part, style=style)
    return text


@pytest.fixture(scope="module")
def results() -> list[Result]:
    engine = Engine()
    return [engine.check(target, "url") for target in TARGETS]


def test_the_styles_are_rich_s() -> None:
    for style, codes in SGR.items():
        for system in COLOR_SYSTEMS:
            assert _rich(Text("x", style=style), 10, system) == f"\x1b[{codes}mx\x1b[0m"
    assert {style for _, style in STYLES.values()} <= set(SGR)


def test_one_cell_characters_are_one_cell_for_rich() -> None:
    assert all(cell_len(c) == 1 for c in ONE_CELL)
    assert "\n" not in ONE_CELL and "\t" not in ONE_CELL and "\x1b" not in ONE_CELL


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_verdicts_as_rich_writes_them(results: list[Result], lang: Lang, width: int) -> None:
    written = 0
    for result in results:
        mine = ansi(runs(result, lang), width)
        theirs = _rich(render(result, lang), width, "standard")
        if mine is not None:
            assert mine == theirs, result.target
            written += 1
    assert written >= len(results) - 2  # only the wide and combining characters go to rich


def test_chain_line_as_rich_writes_it() -> None:
    line = "    ↪ https://bit.ly/" + "a" * 90
    for width in WIDTHS:
        assert ansi([(line, "dim")], width, end="\n") == _rich(Text(line, style="dim"), width, "standard", end="\n")


def test_outside_the_envelope_is_left_to_rich() -> None:
    assert ansi([("tab\there", "")], 80) is None
    assert ansi([("例子", "")], 80) is None
    assert ansi([("x", "underline")], 80) is None


WORDS = st.text(alphabet=st.sampled_from(" ab\u00a0ệ—✔xyz-."), max_size=30)
RUNS = st.lists(
    st.tuples(
        st.one_of(WORDS, st.sampled_from(["\n", " \n ", "  ", "x" * 50])),
        st.sampled_from(["", *SGR]),
    ),
    max_size=12,
)


@settings(max_examples=400)
@given(pieces=RUNS, width=st.integers(1, 60))
def test_generated_runs_as_rich_writes_them(pieces: list[Run], width: int) -> None:
    assert ansi(pieces, width) == _rich(_text(pieces), width, "standard")


def test_a_reason_with_advice_as_rich_writes_it() -> None:
    reason = Reason(
        "rule_match",
        Verdict.DONT_SHARE,
        Msg("Lừa đảo " * 20, "Scam " * 20),
        {"matched": "chuyển khoản ngay", "rule": "scam-transfer", "advice": Msg("Đừng chuyển tiền.", "Don't pay.")},
    )
    result = Result.of("tel: 0900", "image", [reason])
    for width in WIDTHS:
        assert ansi(runs(result, "vi"), width) == _rich(render(result, "vi"), width, "standard")


def _on_terminal(args: list[str], env: dict[str, str], columns: int, cwd: Path) -> bytes:
    """The installed command's output on a pseudo-terminal `columns` wide."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen(args, stdin=child, stdout=child, stderr=child, env=env, cwd=cwd, close_fds=True)
    os.close(child)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        out += chunk
    assert proc.wait(timeout=60) in (0, 1)
    os.close(main)
    return out


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_installed_command_on_a_terminal_writes_what_rich_writes(tmp_path: Path, columns: int) -> None:
    env = {k: v for k, v in os.environ.items() if k not in RICH_SETTINGS}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    targets = ["https://nhandan.vn/x", "nhandan-news.com", "https://www.facebook.com/page1", "bit.ly/x", "例子.测试"]
    args = [*verifyctl_command(), "check", "--lang", "vi", *targets]
    direct = _on_terminal(args, env, columns, tmp_path)
    # JUPYTER_COLUMNS changes nothing for rich outside Jupyter, but sends every result to rich
    through_rich = _on_terminal(args, {**env, "JUPYTER_COLUMNS": "1"}, columns, tmp_path)
    assert direct == through_rich
    assert "Có thể chia sẻ".upper().encode() in direct and b"\x1b[1;32m" in direct
