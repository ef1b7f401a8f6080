"""`verifyctl check`: judge links, post text or pictures, one result per target."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING

import click

from verifyctl import exitcodes
from verifyctl.cli.l10n import command, option
from verifyctl.cli.options import (
    blocklist_option,
    data_options,
    fail_on_option,
    format_option,
    online_option,
    resolve_format,
)
from verifyctl.datafiles import decode_utf8
from verifyctl.engine import KINDS, Engine, Kind, detect_kind, error_result
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Lang, Msg, current_lang, tr
from verifyctl.verdict import Result, Verdict

if TYPE_CHECKING:
    from rich.console import Console

MISSING_TARGET = Msg("thiếu TARGET (hoặc --from FILE)", "missing TARGET (or --from FILE)")
_SPACE = re.compile(r"\s")
MAX_LINE = 1 << 20  # one --from line longer than this is an error record, not a memory spike


@command(
    help=(
        "Kiểm tra từng TARGET (đường link, nội dung, ảnh hoặc mã băm ảnh): có nên chia sẻ không, "
        "và vì sao. Nhiều từ gõ liền không có dấu nháy, không kèm link hay tệp nào, được coi là "
        "một bài viết.\n\nVí dụ:\n\n    verifyctl check https://nhandan.vn/bai-viet\n\n"
        "    verifyctl check Cho mình xin mã OTP\n\n"
        "    echo 'nội dung bài viết' | verifyctl check --as text -",
        "Check each TARGET (a link, a post's text, a picture or an image hash): share, verify "
        "first, or don't share, and why. Several words typed without quotes, with no link or "
        "file among them, are one post.\n\nExample:\n\n    verifyctl check https://nhandan.vn/story\n\n"
        "    verifyctl check Send me the OTP code\n\n"
        "    echo 'post text' | verifyctl check --as text -",
    ),
)
@click.argument("targets", nargs=-1)
@option(
    "--from",
    "from_file",
    type=click.File("rb"),
    help=("Đọc mỗi dòng một TARGET từ tệp (- là stdin).", "Read one TARGET per line from FILE (- for stdin)."),
)
@option(
    "--as",
    "as_kind",
    type=click.Choice(list(KINDS)),
    help=("Ép loại đầu vào thay vì tự nhận diện.", "Force the kind instead of recognising it."),
)
@format_option("human", "json")
@fail_on_option()
@online_option
@option(
    "-v",
    "--verbose",
    is_flag=True,
    help=(
        "Hiện mã lý do ([official_source]…) và mã quy tắc sau mỗi dòng.",
        "Show each reason's code ([official_source]…) and rule id.",
    ),
)
@data_options
@blocklist_option
def check(
    targets: tuple[str, ...],
    from_file: IO[bytes] | None,
    as_kind: Kind | None,
    fmt: str | None,
    fail_on: Verdict,
    online: bool,
    verbose: bool,
    sources: str | None,
    rules: str | None,
    hashes: str | None,
    blocklists: tuple[str, ...],
) -> int:
    if not targets and from_file is None:
        raise click.UsageError(tr(MISSING_TARGET))
    engine = Engine(
        sources, rules, hashes, online=online, allow_loopback=_test_loopback(), blocklists=blocklists
    )
    if blocklists:
        engine.url_judge  # noqa: B018  (a bad blocklist line stops the run before any output)
    fmt = resolve_format(fmt)
    lang = current_lang()
    emit = _human_printer(lang, verbose) if fmt == "human" else _json_printer(lang)
    verdicts: list[Verdict] = []
    for result in _results(engine, one_post(targets, as_kind), from_file, as_kind):
        verdicts.append(result.verdict)
        emit(result)
        if result.verdict is Verdict.ERROR:
            print(f"verifyctl: {result.reasons[0].message.get(lang)}", file=sys.stderr)
    return exitcodes.exit_code(verdicts, fail_on)


def one_post(targets: tuple[str, ...], as_kind: Kind | None) -> tuple[str, ...]:
    """Words typed without quotes (`check Cho mình xin mã OTP`) are one post, not one-word
    posts each judged alone: when every target is a single word and none is a link, a file, a
    picture, a hash or `-`. A target with a space in it was quoted on purpose: kept apart."""
    if len(targets) < 2 or as_kind not in (None, "text"):
        return targets
    for target in targets:
        if target == "-" or not target or _SPACE.search(target) or os.path.exists(target):
            return targets
        if as_kind is None and detect_kind(target) != "text":
            return targets
    return (" ".join(targets),)


def _test_loopback() -> bool:
    """Tests only: let `--online` reach a server on 127.0.0.1 (never set it otherwise)."""
    return os.environ.get("VERIFYCTL_TEST_ALLOW_LOOPBACK") == "1"


def _chain_lines(result: Result) -> list[str]:
    """The hops of an expanded short link, shown dim under its reasons."""
    from verifyctl.render.human import clean

    chain = result.fields.get("chain") or ()
    return [f"    {'→' if i else '↪'} {clean(str(url))}" for i, url in enumerate(chain)]


def _human_printer(lang: Lang, verbose: bool) -> Callable[[Result], None]:
    from verifyctl.render.terminal import ansi, terminal_width

    width = terminal_width()
    console: list[Console] = []  # rich, made only when a result needs it

    def emit(result: Result) -> None:
        if width is not None and result.kind != "text":
            from verifyctl.render.human import runs

            parts = [ansi(runs(result, lang, width, verbose), width)]
            parts += [ansi([(line, "dim")], width, end="\n") for line in _chain_lines(result)]
            if None not in parts:
                sys.stdout.write("".join(p for p in parts if p is not None))
                sys.stdout.flush()
                return
        if not console:
            console.append(_rich_console())
        _rich_print(console[0], result, lang, verbose)

    return emit


def _rich_console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _rich_print(console: Console, result: Result, lang: Lang, verbose: bool) -> None:
    from rich.text import Text

    from verifyctl.render.human import render

    console.print(render(result, lang, console.width, verbose), end="")
    for line in _chain_lines(result):
        console.print(Text(line, style="dim"))


def _json_printer(lang: Lang) -> Callable[[Result], None]:
    from verifyctl.render.jsonl import result_line

    write = sys.stdout.write

    def emit(result: Result) -> None:
        write(result_line(result, lang) + "\n")

    return emit


def _results(
    engine: Engine, targets: tuple[str, ...], from_file: IO[bytes] | None, as_kind: Kind | None
) -> Iterator[Result]:
    for target in targets:
        if target == "-":
            yield engine.check(_read_stdin(), as_kind or "text")
        else:
            yield engine.check(target, as_kind)
    if from_file is not None:
        where = getattr(from_file, "name", "-")
        for lineno, raw in enumerate(_lines(from_file), 1):
            if len(raw) > MAX_LINE:
                err = VerifyctlError(f"line longer than {MAX_LINE} bytes", f"{where}:{lineno}")
                yield error_result(raw[:80].decode("utf-8", "replace"), as_kind or "text", err)
                continue
            try:
                line = decode_utf8(raw, f"{where}:{lineno}").strip()
            except VerifyctlError as exc:
                yield error_result(raw.decode("utf-8", "replace").strip(), as_kind or "text", exc)
                continue
            if line and not _comment(line, as_kind):
                yield engine.check(line, as_kind)


def _comment(line: str, as_kind: Kind | None) -> bool:
    """A `#` line of a --from list is a comment; with `--as text` only `# …` is (a post may
    start with a hashtag)."""
    if not line.startswith("#"):
        return False
    return as_kind != "text" or line == "#" or line[1] in " \t"


def _lines(stream: IO[bytes]) -> Iterator[bytes]:
    """Lines without their ending; an overlong line is cut at MAX_LINE + 1 bytes."""
    while True:
        raw = stream.readline(MAX_LINE + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            while True:  # skip the rest of the overlong line
                rest = stream.readline(1 << 16)
                if not rest or rest.endswith(b"\n"):
                    break
        yield raw.rstrip(b"\r\n")


def _read_stdin() -> str:
    return decode_utf8(sys.stdin.buffer.read(), "<stdin>")
