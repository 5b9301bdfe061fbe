"""The selection and pickup rules stay plain Python."""

import ast
from pathlib import Path

import pytest

import sellable.inventory

PURE_MODULES = ["selection_domain", "distance", "pickup_domain", "us_regions"]
FRAMEWORKS = {"fastapi", "sqlalchemy", "starlette", "pydantic"}


def imported_packages(module: str) -> set[str]:
    path = Path(sellable.inventory.__file__).parent / f"{module}.py"
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", PURE_MODULES)
def test_domain_module_imports_no_framework(module: str) -> None:
    assert not imported_packages(module) & FRAMEWORKS
