"""The README documents every reason code and every command (sqlite-utils' test_docs idea)."""

from __future__ import annotations

import re

import pytest

from cli_support import REPO
from verifyctl.cli import COMMANDS
from verifyctl.reasons import REASON_CODES

README = (REPO / "README.md").read_text(encoding="utf-8")
REASON_SECTION = README.split("## Reason codes", 1)[1].split("\n## ", 1)[0]
TABLE_CODES = set(re.findall(r"^\| `([a-z_]+)` \|", REASON_SECTION, flags=re.MULTILINE))


@pytest.mark.parametrize("code", sorted(REASON_CODES))
def test_reason_code_documented(code: str) -> None:
    assert code in TABLE_CODES, f"reason code {code!r} missing from README's table"


def test_no_undocumented_table_rows() -> None:
    assert set(REASON_CODES) >= TABLE_CODES, TABLE_CODES - set(REASON_CODES)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_documented(command: str) -> None:
    assert f"verifyctl {command}" in README
