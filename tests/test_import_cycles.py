"""No module imports another in a circle, anywhere in the repository.

The graph is of modules (not packages): an edge A → B for every import of B that A runs when it is imported
(its top-level statements, `if`/`try` blocks included; `if TYPE_CHECKING:` left out, as it never runs). A
circle there means one of them runs half-initialised, whichever is imported first. Our own packages, the
bench scripts (`bench.*`) and the test helpers (imported by their file name, as pytest puts their folders on
sys.path) are all nodes; the web app and the CLI are also held to no circle through imports inside
functions (the lazy imports they use, e.g. search_web.serve ↔ search_web.prefork once)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("corpus", "analyzers", "indexer", "search_web", "gazette_cli", "bench")
HELPER_DIRS = ("tests", "tests/indexer", "tests/web")  # their files are imported by bare name


def _modules() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    for folder in HELPER_DIRS:
        for path in sorted((REPO / folder).glob("*.py")):
            if path.stem != "conftest" and not path.stem.startswith("test_"):
                modules.setdefault(path.stem, path)
    return modules


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(tree: ast.Module, everywhere: bool):
    """Import statements run on import (or, `everywhere`, also those inside functions and classes)."""
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node):
                pending += node.body + node.orelse
        elif isinstance(node, ast.Try):
            pending += node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body]
        elif isinstance(node, (ast.With, ast.For, ast.While)):
            pending += node.body
        elif everywhere and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            pending += node.body


def imports_of(name: str, everywhere: bool = False) -> set[str]:
    """The modules of ours that `name` imports."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _statements(ast.parse(path.read_text(encoding="utf-8")), everywhere):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in MODULES)
            continue
        if node.level:
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = f"{base}.{node.module}" if node.module else base
        else:
            target = node.module or ""
        for alias in node.names:
            submodule = f"{target}.{alias.name}"
            if submodule in MODULES:
                found.add(submodule)  # `from . import serve`: the module serve, not the package
            elif target in MODULES:
                found.add(target)
    found.discard(name)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_graph_sees_our_imports():
    assert "search_web.serve" in imports_of("gazette_cli.main", everywhere=True)
    assert "indexer.api" in imports_of("search_web.search")
    assert "indexer.engine" in imports_of("indexer.service")
    assert "bench.bench_index" in imports_of("bench.bench_engines")
    assert "web_helpers" in MODULES


def test_circles_are_found():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_another_in_a_circle():
    graph = {name: imports_of(name) for name in MODULES}
    assert circles(graph) == []


@pytest.mark.parametrize("package", ["search_web", "gazette_cli"])
def test_no_circle_through_imports_inside_functions(package):
    graph = {name: imports_of(name, everywhere=True) for name in MODULES}
    assert [c for c in circles(graph) if any(m.split(".")[0] == package for m in c)] == []
