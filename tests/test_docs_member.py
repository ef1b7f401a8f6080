"""docs/member.md shows what a member sees: every `$ verifyctl check …` block there is run
again through the installed command (human output at 80 columns, no locale set) and must print
exactly what the page says."""

from __future__ import annotations

import re
import shlex

import pytest

from cli_support import REPO, RunCli

PAGE = (REPO / "docs" / "member.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```console\n\$ (verifyctl [^\n]*)\n(.*?)```", PAGE, flags=re.DOTALL)


def test_the_page_shows_every_verdict() -> None:
    shown = "".join(out for _, out in BLOCKS)
    for head in ("✔ CÓ THỂ CHIA SẺ", "? KIỂM CHỨNG TRƯỚC KHI CHIA SẺ", "✘ KHÔNG CHIA SẺ", "! LỖI", "✘ DON'T SHARE"):
        assert head in shown


@pytest.mark.parametrize(("command", "expected"), BLOCKS, ids=[c for c, _ in BLOCKS])
def test_example_output_is_current(run_cli: RunCli, command: str, expected: str) -> None:
    args = shlex.split(command)[1:]
    args.insert(args.index("check") + 1, "--format")
    args.insert(args.index("check") + 2, "human")
    proc = run_cli(*args, env={"COLUMNS": "80"})
    printed = "\n".join(line.rstrip() for line in (proc.stdout + proc.stderr).rstrip("\n").split("\n"))
    assert printed + "\n" == expected
