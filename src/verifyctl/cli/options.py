"""Option decorators shared by commands (one definition, many commands)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from verifyctl.cli.l10n import option
from verifyctl.verdict import Verdict

F = TypeVar("F", bound=Callable[..., Any])


def format_option(*choices: str) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return option(  # type: ignore[no-any-return]
            "--format",
            "fmt",
            type=click.Choice(list(choices)),
            default=None,
            help=(
                "Định dạng đầu ra (mặc định: human trên terminal, json khi chuyển hướng).",
                "Output format (default: human on a terminal, json when redirected).",
            ),
        )(f)

    return decorate


def online_option(f: F) -> F:
    """`--online`: the one switch that lets a check reach the network (short links only)."""
    return option(  # type: ignore[no-any-return]
        "--online",
        is_flag=True,
        help=(
            "Cho phép truy cập mạng (mở rộng link rút gọn qua bộ tải an toàn).",
            "Allow network access (expand short links through the guarded fetcher).",
        ),
    )(f)


def resolve_format(fmt: str | None, default_redirected: str = "json") -> str:
    if fmt:
        return fmt
    return "human" if sys.stdout.isatty() else default_redirected


def fail_on_option(default: str = "verify") -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return option(  # type: ignore[no-any-return]
            "--fail-on",
            type=click.Choice(["verify", "dont_share"]),
            default=default,
            show_default=True,
            callback=lambda ctx, param, value: Verdict(value),
            help=(
                "Mã thoát 1 khi có kết quả từ mức này trở lên.",
                "Exit 1 when any result is at or above this level.",
            ),
        )(f)

    return decorate


def data_options(f: F) -> F:
    """`--sources/--rules/--hashes`: use other data files than the shipped ones."""
    for name, vi, en in (
        ("--hashes", "Danh sách mã băm ảnh thay cho danh sách đi kèm.", "Image hash list to use instead of the shipped one."),
        ("--rules", "Tệp quy tắc thay cho tệp đi kèm.", "Rules file to use instead of the shipped one."),
        ("--sources", "Danh sách nguồn thay cho danh sách đi kèm.", "Source list to use instead of the shipped one."),
    ):
        f = option(
            name,
            type=click.Path(dir_okay=False, path_type=str),
            default=None,
            help=(vi, en),
        )(f)
    return f


def blocklist_option(f: F) -> F:
    """`--blocklist FILE` (repeatable): hosts files, AdGuard `||host^` rules or plain host
    lists an organisation already uses; a listed host is `blocklisted` (url/blocklist.py)."""
    return option(  # type: ignore[no-any-return]
        "--blocklist",
        "blocklists",
        multiple=True,
        type=click.Path(dir_okay=False, path_type=str),
        help=(
            "Danh sách chặn (tệp hosts, luật AdGuard ||host^ hoặc mỗi dòng một tên miền); lặp lại được.",
            "A blocklist (hosts file, AdGuard ||host^ rules or one host per line); repeatable.",
        ),
    )(f)
