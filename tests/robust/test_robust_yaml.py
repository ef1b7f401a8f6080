"""YAML data files as an attack surface: alias bombs, deep nesting, duplicate keys, garbage.

Both YAML front ends are attacked: `yamlsafe.load_yaml` (rules, generic data files) and the
libyaml-backed path of `yamlsafe.load_yaml` (the source list on the start-up path).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from robust_support import BUDGET, cost_in_process

from verifyctl import yamlsafe
from verifyctl.errors import DataFileError, VerifyctlError

Loader = Callable[[str, str], Any]
LOADERS = pytest.mark.parametrize(
    "load", [yamlsafe.load_yaml_python, yamlsafe.load_yaml], ids=["python", "libyaml"]
)


def laughs(levels: int, width: int = 9) -> str:
    """The "billion laughs": each level an anchor holding `width` aliases of the level below."""
    lines = ['a0: &a0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def benign(size: int) -> str:
    """A plain document of about `size` bytes, the yardstick for the hostile ones."""
    lines, total, i = [], 0, 0
    while total < size:
        line = f"key{i}: [value {i}, {i}, true]"
        lines.append(line)
        total += len(line) + 1
        i += 1
    return "\n".join(lines) + "\n"


@LOADERS
def test_billion_laughs_is_refused_at_the_first_alias(load: Loader) -> None:
    with pytest.raises(DataFileError) as caught:
        load(laughs(9), "bomb.yaml")
    assert caught.value.where == "bomb.yaml:2:10"
    assert "alias" in caught.value.line("en")


@LOADERS
def test_alias_bomb_costs_what_a_plain_file_of_its_size_costs(load: Loader) -> None:
    # 6 levels of 9 would expand to 531,441 strings: about 100x the cost of the plain file if
    # the aliases were followed. Refused, it costs about what reading a plain file does.
    bomb = laughs(6)
    plain = benign(len(bomb))
    base = cost_in_process(lambda: load(plain, "plain.yaml"))

    def attack() -> None:
        with pytest.raises(DataFileError):
            load(bomb, "bomb.yaml")

    hostile = cost_in_process(attack)
    assert hostile.peak_bytes < 4 * base.peak_bytes + 64 * 1024
    assert hostile.seconds < 10 * base.seconds + 0.05


@LOADERS
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[" * 100_000 + "]" * 100_000, 1),
        ("{a: " * 10_000 + "1" + "}" * 10_000, 1),
        ("".join(f"{'  ' * i}k{i}:\n" for i in range(200)) + "  " * 200 + "v\n", 64),
        ("".join(f"{'  ' * i}- \n" for i in range(100)), 64),
    ],
    ids=["flow-lists", "flow-maps", "block-maps", "block-lists"],
)
def test_deep_nesting_is_refused_with_a_line(load: Loader, text: str, line: int) -> None:
    with pytest.raises(DataFileError) as caught:
        load(text, "deep.yaml")
    assert caught.value.lineno in (line, line + 1)  # the 65th level, or the line before it
    assert "nest" in caught.value.line("en")  # ours (64 levels) or libyaml's own (1000)


@LOADERS
def test_deep_nesting_costs_what_a_plain_file_of_its_size_costs(load: Loader) -> None:
    deep = "[" * 50_000 + "]" * 50_000
    base = cost_in_process(lambda: load(benign(len(deep)), "plain.yaml"))

    def attack() -> None:
        with pytest.raises(DataFileError):
            load(deep, "deep.yaml")

    hostile = cost_in_process(attack)
    assert hostile.peak_bytes < 4 * base.peak_bytes + 64 * 1024
    assert hostile.seconds < 10 * base.seconds + 0.05


@LOADERS
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: 1\nb: 2\na: 3\n", "dup.yaml:3:1"),
        ("top:\n  x: 1\n  y: 2\n  x: 1\n", "dup.yaml:4:3"),
        ("- {k: 1, k: 2}\n", "dup.yaml:1:10"),
        ("1: one\n'1': uno\n", "dup.yaml:2:1"),
        ("true: a\n'True': b\n", "dup.yaml:2:1"),
    ],
)
def test_duplicate_keys_are_errors_naming_the_line(load: Loader, text: str, where: str) -> None:
    with pytest.raises(DataFileError) as caught:
        load(text, "dup.yaml")
    assert caught.value.where == where
    assert "duplicate key" in caught.value.line("en")


@LOADERS
@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['true']\n",
        "a: !!python/name:os.system\n",
        "a: !!binary AAAA====garbage\n",
        "a: !custom 1\n",
        "? [a, b]\n: c\n",
        "? {a: 1}\n: c\n",
        "a: 1\n---\nb: 2\n",
        "a: 'unterminated\n",
        "\t- tab\n",
        "a: b: c\n",
        "%YAML 9.9\n---\na\n",
        "\x00\x01\x02",
        "a: \ud7ff\ue000\n",
        "- " + "x" * 1_000_000 + "\n",
    ],
)
def test_hostile_documents_give_one_data_file_error(load: Loader, text: str) -> None:
    try:
        load(text, "hostile.yaml")
    except DataFileError as exc:
        assert exc.path == "hostile.yaml"
        assert "\n" not in exc.line("en") and "\n" not in exc.line("vi")


# PyYAML's dumper folds NEL and the Unicode line separators: not a loader property.
plain_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85\u2028\u2029\r"), max_size=30
)
scalars = st.one_of(
    plain_text, st.integers(-(10**12), 10**12), st.booleans(), st.none()
)
trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(plain_text.filter(bool), inner, max_size=4),
    max_leaves=25,
)


@BUDGET
@given(tree=trees)
def test_what_yaml_dumps_loads_back_unchanged(tree: Any) -> None:
    text = yaml.safe_dump({"root": tree}, allow_unicode=True)
    for load in (yamlsafe.load_yaml_python, yamlsafe.load_yaml):
        assert load(text, "t.yaml") == {"root": tree}


YAML_ALPHABET = st.sampled_from(
    [*list("abc:-[]{}&*!|>'\"#%@`,?\n \t\\"), "\x85", "\ufeff", "\x00", "é", "&a", "*a", "<<", "---", "...", "!!str", "!!python/object:os.system"]
)


@BUDGET
@given(text=st.lists(YAML_ALPHABET, max_size=60).map("".join) | st.text(max_size=200))
def test_any_text_is_a_document_or_one_data_file_error(text: str) -> None:
    for load in (yamlsafe.load_yaml_python, yamlsafe.load_yaml):
        try:
            load(text, "fuzz.yaml")
        except DataFileError as exc:
            assert exc.path == "fuzz.yaml"
        except VerifyctlError as exc:  # pragma: no cover - reported as the failure
            raise AssertionError(f"not a DataFileError: {exc!r}") from exc


@pytest.mark.parametrize(("text", "where"), [("a: 1\nb: x\x01y\n", "c.yaml:2:5"), ("\x1f", "c.yaml:1:1")])
def test_a_control_character_is_refused_naming_where(text: str, where: str) -> None:
    with pytest.raises(DataFileError) as caught:
        yamlsafe.load_yaml(text, "c.yaml")
    assert caught.value.where == where
