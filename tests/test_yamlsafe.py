"""Data-file YAML: positions, duplicate keys, aliases and nesting refused with file:line."""

from __future__ import annotations

import pytest

from verifyctl.errors import DataFileError
from verifyctl.yamlsafe import YList, YMap, load_yaml


def test_positions() -> None:
    doc = load_yaml("a: 1\nb:\n  - x\n  - {c: 2}\n", "f.yaml")
    assert isinstance(doc, YMap)
    assert doc.at("b") == (2, 1)
    assert isinstance(doc["b"], YList)
    assert doc["b"].at(1) == (4, 5)


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a: 1\na: 2\n", "f.yaml:2:1", "duplicate key"),
        ("a: &x [1]\nb: *x\n", "f.yaml:2:4", "aliases"),
        ("a: [1\n", "f.yaml:1:4", "YAML syntax error"),  # the unclosed "[", not the end
        ("a: " + "[" * 80 + "]" * 80 + "\n", "f.yaml:1:", "nested deeper"),
    ],
)
def test_refused(text: str, where: str, words: str) -> None:
    with pytest.raises(DataFileError) as err:
        load_yaml(text, "f.yaml")
    assert err.value.line("en").startswith(where)
    assert words in err.value.line("en")


def test_billion_laughs_refused_fast() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 10):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}]\n"
    with pytest.raises(DataFileError, match="aliases"):
        load_yaml(bomb, "bomb.yaml")
