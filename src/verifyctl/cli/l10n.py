"""Click classes whose help text follows `--lang`.

Help is given as a `(vietnamese, english)` pair and picked when the help is shown, so one
command tree serves both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from verifyctl.i18n import Msg, current_lang

HelpText = tuple[str, str]


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


class L10nCommand(click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.help_pair: HelpText | None = kwargs.pop("help", None)
        kwargs["help"] = self.help_pair[1] if self.help_pair else None
        super().__init__(*args, **kwargs)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.help = _pick(self.help_pair)
        super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        self.help = _pick(self.help_pair)
        return super().get_short_help_str(limit)


class L10nGroup(click.Group):
    command_class = L10nCommand

    def __init__(self, *args: Any, help: HelpText | None = None, **kwargs: Any) -> None:
        self.help_pair = help
        super().__init__(*args, help=help[1] if help else None, **kwargs)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.help = _pick(self.help_pair)
        super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        self.help = _pick(self.help_pair)
        return super().get_short_help_str(limit)


L10nGroup.group_class = L10nGroup


def option(*decls: str, **kwargs: Any) -> Callable[[Any], Any]:
    """`click.option` with a `(vi, en)` help pair."""
    return click.option(*decls, cls=L10nOption, **kwargs)


def command(help: HelpText, **kwargs: Any) -> Callable[[Any], L10nCommand]:
    return click.command(cls=L10nCommand, help=help, **kwargs)


def group(help: HelpText, **kwargs: Any) -> Callable[[Any], L10nGroup]:
    return click.group(cls=L10nGroup, help=help, **kwargs)
