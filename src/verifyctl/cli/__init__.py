"""The command line: a thin shell over the library.

Subcommands are imported only when used (start-up cost is a feature). `main` is the one
place that maps outcomes to exit codes: expected failures exit 2 with one line, a crash
exits 3 with a request to report it, Ctrl-C exits 130.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

import click

from verifyctl import __version__, exitcodes
from verifyctl.cli import click_vi
from verifyctl.cli.l10n import L10nGroup, L10nOption
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg, current_lang, lang_from_argv, lang_from_env, set_lang, tr

# Before any command is declared: click's decorators call gettext as they run, and the standard
# one searches the disk for catalogues (and imports locale) on every call, at every start-up.
click_vi.install()

# name -> "module:attribute"; the explicit registry of subcommands.
COMMANDS: dict[str, str] = {
    "check": "verifyctl.cli.check:check",
    "hash": "verifyctl.cli.hashes:hash_",
    "hashes": "verifyctl.cli.hashes:hashes",
    "screen": "verifyctl.cli.screen:screen",
    "sources": "verifyctl.cli.sources:sources",
    "rules": "verifyctl.cli.rules:rules",
    "serve": "verifyctl.cli.serve:serve",
}


class LazyGroup(L10nGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=LazyGroup,
    help=(
        "verifyctl: có nên chia sẻ không? Kiểm tra đường link, nội dung bài viết hoặc hình ảnh "
        "với danh sách nguồn chính thống, quy tắc cảnh báo và ảnh giả đã biết — ngoại tuyến.",
        "verifyctl: share, verify first, or don't share? Checks a link, a post's text or a "
        "picture against official sources, flagged-phrase rules and known fake images — offline.",
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(
    __version__,
    "-V",
    "--version",
    prog_name="verifyctl",
    message="%(prog)s %(version)s",  # no words: the same in either language
    cls=L10nOption,
    help=("Hiện phiên bản rồi thoát.", "Show the version and exit."),
)
def cli() -> None:
    pass


BUG = Msg(
    "lỗi nội bộ của verifyctl ({exc}); vui lòng báo lỗi kèm lệnh đã chạy (chạy lại với --debug để xem chi tiết)",
    "internal error in verifyctl ({exc}); please report it with the command you ran (rerun with --debug for details)",
)


OUT_OF_MEMORY = Msg(
    "không đủ bộ nhớ (giới hạn bộ nhớ, ví dụ ulimit -v, thấp hơn mức cần: xem docs/limits.md)",
    "out of memory (a memory limit such as ulimit -v is below what the input needs: see docs/limits.md)",
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    set_lang(lang_from_argv(args) or lang_from_env())
    _escape_undecodable()
    debug = "--debug" in args
    try:
        result = cli.main(args, prog_name="verifyctl", standalone_mode=False)
    except click.exceptions.Abort:
        return exitcodes.INTERRUPTED
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return exitcodes.INTERRUPTED
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exitcodes.INPUT_ERROR if exc.exit_code == 2 else exc.exit_code
    except VerifyctlError as exc:
        if debug:
            _print_traceback()
        print(f"verifyctl: {exc.line(current_lang())}", file=sys.stderr)
        return exitcodes.INPUT_ERROR
    except BrokenPipeError:
        _silence_stdout()
        return exitcodes.OK
    except MemoryError:
        # Every input has a size bound (docs/limits.md); what is left is a memory limit set
        # lower than the bounds need: say so in one line, not as a crash.
        print(f"verifyctl: {tr(OUT_OF_MEMORY)}", file=sys.stderr)
        return exitcodes.INPUT_ERROR
    except Exception as exc:  # the crash handler: one line, never a traceback unless --debug
        if debug:
            _print_traceback()
        print(f"verifyctl: {tr(BUG.format(exc=type(exc).__name__))}", file=sys.stderr)
        return exitcodes.INTERNAL_ERROR
    return result if isinstance(result, int) else exitcodes.OK


def _escape_undecodable() -> None:
    """An argument that is not UTF-8 (a file name from another system, a mistyped byte) reaches
    Python as lone surrogates. Written out as they are, they are invalid UTF-8 (JSON that no
    parser accepts) or a crash, depending on the locale; as `\\udcff` they are plain text,
    and in JSON the escape of that character. Likewise for any character the output's encoding
    lacks."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _print_traceback() -> None:
    import traceback  # only for --debug: not part of every start-up

    traceback.print_exc()
