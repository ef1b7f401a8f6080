"""Loading the rule file: read, parse (YAML, or JSON for large generated sets), lint, compile.

`load_rules` refuses a file with a blocking problem (one line, `file:line:col`); `lint_rules`
returns every problem for `verifyctl rules validate`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from verifyctl.datafiles import read_text
from verifyctl.errors import DataFileError
from verifyctl.i18n import Msg
from verifyctl.text.matcher import Matcher, RuleHit, re2_complaint
from verifyctl.text.model import Problem, Rule, RuleFile
from verifyctl.text.schema import parse
from verifyctl.yamlsafe import load_yaml


@dataclass(frozen=True)
class RuleSet:
    """The loaded rules, compiled once into one automaton."""

    path: str
    file: RuleFile

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.file.rules

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.file.rules, self.file.teencode, self.file.keys)

    def find(self, text: str) -> list[RuleHit]:
        return self.matcher.find(text)


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise ValueError(f'duplicate key "{duplicate}"')
    return out


def read_rule_file(path: Path, lint_only_positions: bool = True) -> RuleFile:
    """Parse and lint; problems are returned with positions, not raised. Without
    `lint_only_positions`, a JSON file with only non-blocking problems is not re-read for
    their positions (loading does not report them)."""
    text = read_text(path)
    where = str(path)
    if text.lstrip().startswith("{"):
        try:
            doc = json.loads(text, object_pairs_hook=_reject_duplicate_keys)
        except ValueError as exc:
            line = getattr(exc, "lineno", None)
            col = getattr(exc, "colno", None)
            detail = getattr(exc, "msg", exc)
            raise DataFileError(Msg(f"lỗi JSON: {detail}", f"JSON error: {detail}"), where, line, col) from None
        parsed = parse(doc, re2_complaint)
        wanted = parsed.problems if lint_only_positions else [p for p in parsed.problems if p.blocking]
        if not wanted:
            return parsed
        # Positions exist only in the YAML reading; JSON is YAML, so read it again to say where.
    return parse(load_yaml(text, where), re2_complaint)


def lint_rules(path: Path) -> tuple[RuleFile, list[Problem]]:
    parsed = read_rule_file(path)
    return parsed, sorted(parsed.problems, key=lambda p: (p.line, p.col))


def load_rules(path: Path) -> RuleSet:
    parsed = read_rule_file(path, lint_only_positions=False)
    blocking = sorted((p for p in parsed.problems if p.blocking), key=lambda p: (p.line, p.col))
    if blocking:
        first = blocking[0]
        more = len(blocking) - 1
        suffix = (
            Msg(f" (và {more} lỗi khác: chạy `verifyctl rules validate`)", f" (and {more} more: run `verifyctl rules validate`)")
            if more
            else Msg("", "")
        )
        raise DataFileError(first.message + suffix, str(path), first.line or None, first.col or None)
    ruleset = RuleSet(str(path), parsed)
    ruleset.matcher  # noqa: B018  compile now, so a bad file fails at load and not mid-batch
    return ruleset
