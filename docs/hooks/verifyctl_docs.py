"""MkDocs hooks for verifyctl's documentation site.

- The command-line reference is rendered from the click commands at build time (what
  `verifyctl … --help` prints, in English), so it cannot drift from the code.
- A page added under docs/ but not yet listed in mkdocs.yml's `nav` still gets a place in the
  navigation (under "More"), so a new page is never unreachable; list it in `nav` to place it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

MARKER = "<!-- cli-reference -->"
HOOKS_DIR = "hooks/"


def on_config(config: Any) -> Any:
    nav = config["nav"]
    if nav is None:
        return config
    listed = set(_pages(nav))
    docs = Path(config["docs_dir"])
    unlisted = sorted(
        rel
        for rel in (p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
        if rel not in listed and not rel.startswith(HOOKS_DIR)
    )
    if unlisted:
        nav.append({"More": unlisted})
    return config


def _pages(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _pages(value)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, cli_reference())


def cli_reference() -> str:
    """Every command's help, a section each, in the order `verifyctl --help` lists them."""
    import click

    from verifyctl.cli import cli
    from verifyctl.i18n import current_lang, set_lang

    before = current_lang()
    set_lang("en")
    sections: list[str] = []

    def walk(command: click.Command, path: list[str], parent: click.Context | None) -> None:
        ctx = click.Context(command, info_name=path[-1], parent=parent, terminal_width=100, max_content_width=100)
        sections.append(f"## {' '.join(path)}\n\n```text\n{command.get_help(ctx)}\n```\n")
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    walk(sub, [*path, name], ctx)

    try:
        walk(cli, ["verifyctl"], None)
    finally:
        set_lang(before)
    return "\n".join(sections)
