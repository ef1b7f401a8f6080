"""Every shipped rule is documented in docs/rules.md's rule table."""

from __future__ import annotations

import pytest

from docs_pages import page
from verifyctl.datafiles import RULES, data_path
from verifyctl.text.rules import load_rules

SECTION = page("rules.md")
RULE_IDS = [rule.id for rule in load_rules(data_path(RULES)).rules]


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_documented(rule_id: str) -> None:
    assert f"| `{rule_id}` |" in SECTION, f"rule {rule_id!r} missing from docs/rules.md's rule table"


@pytest.mark.parametrize("command", ["rules validate", "rules test", "rules list"])
def test_rules_commands_documented(command: str) -> None:
    assert f"verifyctl {command}" in SECTION
