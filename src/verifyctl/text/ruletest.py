"""Running each rule's own `match` and `no_match` examples (`verifyctl rules test`, CI)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from verifyctl.text.model import Rule
from verifyctl.text.rules import RuleSet


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: str
    line: int
    expected: str  # "match" or "no_match"
    example: str


def run_examples(ruleset: RuleSet) -> tuple[int, list[ExampleFailure]]:
    """How many examples ran, and the ones whose rule did not do what they say."""
    failures: list[ExampleFailure] = []
    count = 0
    for rule, expected, example in _examples(ruleset):
        count += 1
        fired = any(hit.rule.id == rule.id for hit in ruleset.find(example))
        if fired != (expected == "match"):
            failures.append(ExampleFailure(rule.id, rule.line, expected, example))
    return count, failures


def _examples(ruleset: RuleSet) -> Iterator[tuple[Rule, str, str]]:
    for rule in ruleset.rules:
        for example in rule.match:
            yield rule, "match", example
        for example in rule.no_match:
            yield rule, "no_match", example
