"""The documentation has every check id of the source list (docs/validate.md) and every schema
key (docs/sources.md)."""

from __future__ import annotations

import re

import pytest

from docs_pages import page, section
from verifyctl.sources import schema
from verifyctl.sources.checks import CHECKS

CHECK_SECTION = section(page("validate.md"), "## The source list's checks")
TABLE_IDS = set(re.findall(r"^\| `([a-z-]+)` \| ", CHECK_SECTION, flags=re.MULTILINE))
SECTION = page("sources.md")


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_check_documented(check: str) -> None:
    assert check in TABLE_IDS


def test_no_stale_check_rows() -> None:
    assert set(CHECKS) >= TABLE_IDS, TABLE_IDS - set(CHECKS)


def test_check_docs_match_the_registry() -> None:
    for check, entry in CHECKS.items():
        assert f"| `{check}` | {entry.doc.en} |" in CHECK_SECTION


KEYS = sorted(
    {key for mapping in (schema.DOCUMENT, schema.SOURCE, schema.DOMAIN, schema.ACCOUNT, schema.STATUS, schema.IMPERSONATOR, schema.NOT_LOOKALIKE) for key in mapping.keys}
)


@pytest.mark.parametrize("key", KEYS)
def test_schema_key_documented(key: str) -> None:
    assert f"`{key}`" in SECTION
