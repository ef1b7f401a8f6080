"""The documentation's pages, for the tests that check they document what the code has."""

from __future__ import annotations

from cli_support import REPO

DOCS = REPO / "docs"


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """From `heading` (a line starting with it) to the next heading of the same level."""
    level = heading.split(" ", 1)[0]
    return text.split(heading, 1)[1].split(f"\n{level} ", 1)[0]


def all_pages() -> str:
    """README and every hand-written page (the CLI reference is generated at build time)."""
    texts = [(REPO / "README.md").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(DOCS.rglob("*.md"))]
    return "\n".join(texts)
