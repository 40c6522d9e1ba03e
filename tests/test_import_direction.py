"""Imports flow one way: corpus and analyzers import nothing of ours; the indexer imports them; the
web app and the CLI import only the indexer's public API; only the whoosh engine imports whoosh, only the tantivy engine tantivy."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
OURS = {"corpus", "analyzers", "indexer", "search_web", "gazette_cli"}
PUBLIC_INDEXER = {
    "indexer.api",
    "indexer.engine",
    "indexer.facets",
    "indexer.querylang",
    "indexer.build",
    "indexer.lru",
    "indexer.bounded",  # the parse limits (--parse-memory, --parse-timeout) the CLI passes to a build
}
ALLOWED = {
    "corpus": set(),
    "analyzers": set(),
    "indexer": {"corpus", "analyzers"},
    "search_web": PUBLIC_INDEXER,
    "gazette_cli": {"corpus"} | PUBLIC_INDEXER | {"search_web.serve"},
}
ENGINE_LIBRARIES = {"whoosh": "indexer/whoosh_engine", "tantivy": "indexer/tantivy_engine"}


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


@pytest.mark.parametrize("library, home", sorted(ENGINE_LIBRARIES.items()))
def test_an_engine_library_is_imported_only_behind_the_seam(library, home):
    users = []
    for package in OURS:
        for file in (REPO / package).rglob("*.py"):
            if any(name.split(".")[0] == library for name in imported_modules(file)):
                users.append(file.relative_to(REPO).as_posix())
    assert users and all(u.startswith(home + "/") for u in users), users
