"""README's source-list section documents every check id and every schema key."""

from __future__ import annotations

import re

import pytest

from cli_support import REPO
from verifyctl.sources import schema
from verifyctl.sources.checks import CHECKS

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## The official-source list", 1)[1].split("\n## ", 1)[0]
TABLE_IDS = set(re.findall(r"^\| `([a-z-]+)` \| ", SECTION.split("| check id |", 1)[1], flags=re.MULTILINE))


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_check_documented(check: str) -> None:
    assert check in TABLE_IDS


def test_no_stale_check_rows() -> None:
    assert set(CHECKS) >= TABLE_IDS, TABLE_IDS - set(CHECKS)


def test_check_docs_match_the_registry() -> None:
    for check, entry in CHECKS.items():
        assert f"| `{check}` | {entry.doc.en} |" in SECTION


KEYS = sorted(
    {key for mapping in (schema.DOCUMENT, schema.SOURCE, schema.DOMAIN, schema.ACCOUNT, schema.STATUS, schema.IMPERSONATOR, schema.NOT_LOOKALIKE) for key in mapping.keys}
)


@pytest.mark.parametrize("key", KEYS)
def test_schema_key_documented(key: str) -> None:
    assert f"`{key}`" in SECTION
