"""Click classes whose help text follows `--lang`.

Help is given as a `(vietnamese, english)` pair and picked when the help is shown, so one
command tree serves both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from verifyctl.i18n import LANGS, Msg, current_lang, set_lang

HelpText = tuple[str, str]


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value in LANGS:
        set_lang(value)
    return value


def _common_params() -> list[click.Parameter]:
    """`--lang` and `--debug`, accepted by every command and group (`main` reads them early)."""
    return [
        L10nOption(
            ["--lang"],
            type=click.Choice(["vi", "en"]),
            is_eager=True,
            expose_value=False,
            callback=_set_lang,
            help=("Ngôn ngữ thông báo (mặc định theo locale).", "Message language (default: locale)."),
        ),
        L10nOption(
            ["--debug"],
            is_flag=True,
            expose_value=False,
            help=("Hiện traceback khi có lỗi nội bộ.", "Show tracebacks on internal errors."),
        ),
    ]


def _pick(pair: HelpText | None) -> str | None:
    if pair is None:
        return None
    return Msg(*pair).get(current_lang())


class L10nOption(click.Option):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.help_pair: HelpText | None = kwargs.pop("help", None)
        kwargs["help"] = self.help_pair[1] if self.help_pair else None
        super().__init__(*args, **kwargs)

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = _pick(self.help_pair)
        return super().get_help_record(ctx)


class _L10nHelp:
    """Help chosen at display time; `--lang` and `--debug` added to every command."""

    help: str | None
    params: list[click.Parameter]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.help_pair: HelpText | None = kwargs.pop("help", None)
        kwargs["help"] = self.help_pair[1] if self.help_pair else None
        super().__init__(*args, **kwargs)
        self.params.extend(_common_params())

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.help = _pick(self.help_pair)
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        from verifyctl.cli.click_vi import METAVARS_VI

        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        if current_lang() == "vi":
            return [METAVARS_VI.get(piece, piece) for piece in pieces]
        return pieces

    def get_short_help_str(self, limit: int = 45) -> str:
        self.help = _pick(self.help_pair)
        return super().get_short_help_str(limit)  # type: ignore[misc, no-any-return]


class L10nCommand(_L10nHelp, click.Command):
    pass


class L10nGroup(_L10nHelp, click.Group):
    command_class = L10nCommand


L10nGroup.group_class = L10nGroup


def option(*decls: str, **kwargs: Any) -> Callable[[Any], Any]:
    """`click.option` with a `(vi, en)` help pair."""
    return click.option(*decls, cls=L10nOption, **kwargs)


def command(help: HelpText, **kwargs: Any) -> Callable[[Any], L10nCommand]:
    return click.command(cls=L10nCommand, help=help, **kwargs)


def group(help: HelpText, **kwargs: Any) -> Callable[[Any], L10nGroup]:
    return click.group(cls=L10nGroup, help=help, **kwargs)
