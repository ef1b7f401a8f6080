"""Loading the rule file: read, parse (YAML, or JSON for large generated sets), lint, compile.

`load_rules` refuses a file with a blocking problem (one line, `file:line:col`); `lint_rules`
returns every problem for `verifyctl rules validate`.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
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


class _DuplicateKey(ValueError):
    pass


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise _DuplicateKey(f'duplicate key "{duplicate}"')
    return out


def _json_error(exc: ValueError, where: str) -> DataFileError:
    detail = getattr(exc, "msg", exc)
    message = Msg(f"lỗi JSON: {detail}", f"JSON error: {detail}")
    return DataFileError(message, where, getattr(exc, "lineno", None), getattr(exc, "colno", None))


def _read_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise _json_error(exc, where) from None


def _no_key_lost(text: str, entries: int) -> bool:
    """True when no mapping of the JSON `text` can have lost a key given twice, from the
    `entries` its parsed mappings hold. A hook on every object would cost a Python call per
    object (400,000 in a file of 100,000 rules); counting costs almost nothing. Each key
    written is followed by one colon, right after its closing quote or after whitespace:
    those colons bound the keys written, and the entries can only reach that bound when no
    key replaced another. (Colons inside texts, as in `https:`, only make the bound loose.)"""
    return entries == text.count(":") or entries == sum(text.count(c + ":") for c in '" \t\n\r')


def _refuse_duplicate_keys(text: str, where: str) -> None:
    """The exact check, object by object, for when counting could not tell."""
    try:
        json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except _DuplicateKey as exc:
        load_yaml(text, where)  # JSON is YAML, read with positions: it refuses the same key
        raise _json_error(exc, where) from None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading makes millions of small objects and no reference cycles; the cyclic collector
    would walk all of them again at every generation it fills (about 40% of the time to load
    100,000 rules). Reference counting frees what loading drops, as always."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_rule_file(path: Path, lint_only_positions: bool = True) -> RuleFile:
    """Parse and lint; problems are returned with positions, not raised. Without
    `lint_only_positions`, a JSON file with only non-blocking problems is not re-read for
    their positions (loading does not report them)."""
    text = read_text(path)
    where = str(path)
    if text.lstrip().startswith("{"):
        parsed = parse(_read_json(text, where), re2_complaint)
        if not _no_key_lost(text, parsed.entries):
            _refuse_duplicate_keys(text, where)
        wanted = parsed.problems if lint_only_positions else [p for p in parsed.problems if p.blocking]
        if not wanted:
            return parsed
        # Positions exist only in the YAML reading; JSON is YAML, so read it again to say where.
    return parse(load_yaml(text, where), re2_complaint)


def lint_rules(path: Path) -> tuple[RuleFile, list[Problem]]:
    with _gc_paused():
        parsed = read_rule_file(path)
    return parsed, sorted(parsed.problems, key=lambda p: (p.line, p.col))


def load_rules(path: Path) -> RuleSet:
    with _gc_paused():
        ruleset = _load(path)
        # The rules live as long as the process: keep them out of every later collection, which
        # would walk all of them again (the first one as soon as the collector is back on).
        gc.freeze()
    return ruleset


def _load(path: Path) -> RuleSet:
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
