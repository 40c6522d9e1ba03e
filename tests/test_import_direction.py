"""Imports flow one way: corpus and analyzers import nothing of ours; indexer imports them;
search_web imports only the indexer's search API."""
import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
OURS = {"corpus", "analyzers", "indexer", "search_web", "gazette_cli"}
ALLOWED = {
    "corpus": set(),
    "analyzers": set(),
    "indexer": {"corpus", "analyzers"},
    "search_web": {"indexer.api", "indexer.search", "indexer.build"},
}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_it_may(package):
    files = sorted((REPO / package).rglob("*.py"))
    assert files, package
    for file in files:
        for name in imported_modules(file):
            top = name.split(".")[0]
            if top not in OURS or top == package:
                continue
            allowed = ALLOWED[package]
            assert top in allowed or name in allowed, f"{file.relative_to(REPO)} imports {name}"
