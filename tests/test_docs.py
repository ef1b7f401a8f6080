"""The documentation covers every reason code and every command (sqlite-utils' test_docs idea),
the README stays short, and the site's generated CLI reference has every command."""

from __future__ import annotations

import importlib.util
import re

import pytest

from cli_support import REPO
from docs_pages import DOCS, all_pages, page
from verifyctl.cli import COMMANDS
from verifyctl.reasons import REASON_CODES

REASONS = page("reasons.md")
TABLE_CODES = set(re.findall(r"^\| `([a-z_]+)` \|", REASONS, flags=re.MULTILINE))


@pytest.mark.parametrize("code", sorted(REASON_CODES))
def test_reason_code_documented(code: str) -> None:
    assert code in TABLE_CODES, f"reason code {code!r} missing from docs/reasons.md's table"


def test_no_undocumented_table_rows() -> None:
    assert set(REASON_CODES) >= TABLE_CODES, TABLE_CODES - set(REASON_CODES)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_documented(command: str) -> None:
    assert f"verifyctl {command}" in all_pages()


def test_readme_is_short() -> None:
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) <= 200


def test_readme_links_resolve() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)", readme):
        assert (REPO / target).is_file(), target


def _hooks() -> object:
    spec = importlib.util.spec_from_file_location("verifyctl_docs", DOCS / "hooks" / "verifyctl_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_has_every_command() -> None:
    reference = _hooks().cli_reference()  # type: ignore[attr-defined]
    for command in COMMANDS:
        assert f"\n## verifyctl {command}\n" in "\n" + reference
    for sub in ("sources validate", "rules validate", "hashes validate", "sources show"):
        assert f"## verifyctl {sub}\n" in reference
    assert "--format [text|json|github|sarif]" in reference


def test_an_unlisted_page_still_gets_a_place_in_the_nav(tmp_path: object) -> None:
    config = {"nav": ["index.md", {"Reference": ["reasons.md"]}], "docs_dir": str(DOCS)}
    _hooks().on_config(config)  # type: ignore[attr-defined]
    more = config["nav"][-1]
    assert isinstance(more, dict) and "cli.md" in more["More"] and "reasons.md" not in more["More"]
