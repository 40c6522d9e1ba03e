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
    "indexer.searching",
    "indexer.lru",
    "indexer.bounded",
    "indexer.writelock",  # the parse limits (--parse-memory, --parse-timeout) the CLI passes to a build
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


# corpus/ is a pipeline; each stage imports only the stages before it (the vocabulary modules at the
# top of the package — models, text, dates, wenhao, offices, people, errors, jsonfile — come first).
CORPUS_STAGES = ["readers", "elements", "records", "facts", "collection", "pipeline", "ingest", "__init__"]


def _corpus_stage(module: str) -> int:
    """-1 for the vocabulary modules, else the position of the module's stage in CORPUS_STAGES."""
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else "__init__"
    return CORPUS_STAGES.index(name) if name in CORPUS_STAGES else -1


def _module_name(file: Path) -> str:
    parts = list(file.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolved_imports(file: Path) -> set[str]:
    """Every module of ours `file` imports, relative imports resolved, `from pkg import name` as pkg.name
    when that is a module."""
    here = _module_name(file).split(".")
    package = here if file.name == "__init__.py" else here[:-1]
    found = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            submodules = {f"{module}.{alias.name}" for alias in node.names}
            submodules = {
                name
                for name in submodules
                if (REPO / (name.replace(".", "/") + ".py")).exists()
                or (REPO / name.replace(".", "/") / "__init__.py").exists()
            }
            found |= submodules
            if len(submodules) < len(node.names):  # some name is the package's own, not a submodule
                found.add(module)
    return {name for name in found if name.split(".")[0] in OURS}


def test_corpus_stages_import_only_earlier_stages():
    wrong = []
    for file in sorted((REPO / "corpus").rglob("*.py")):
        module = _module_name(file)
        if module == "corpus":
            continue
        for name in _resolved_imports(file):
            if name.startswith("corpus.") and name != "corpus" and _corpus_stage(name) > _corpus_stage(module):
                if _corpus_stage(name) != _corpus_stage(module) or _corpus_stage(module) == -1:
                    wrong.append(f"{module} imports {name}")
    assert not wrong, wrong


# The indexer's build ↔ engine ↔ service and search_web's prefork ↔ serve circles are being broken
# (issues 21 and 22); their packages join this list when they are.
ACYCLIC = ["corpus", "analyzers", "gazette_cli"]


@pytest.mark.parametrize("package", ACYCLIC)
def test_no_module_imports_another_in_a_circle(package):
    graph = {}
    for file in (REPO / package).rglob("*.py"):
        graph[_module_name(file)] = {n for n in _resolved_imports(file) if n != _module_name(file)}
    # a package's __init__ is not an edge to each of its modules: import the leaves only
    graph = {m: {n for n in deps if n in graph} for m, deps in graph.items()}
    cycles, state = [], {}

    def visit(module, path):
        state[module] = "open"
        for dep in sorted(graph[module]):
            if state.get(dep) == "open":
                cycles.append(path[path.index(dep) :] + [dep] if dep in path else [module, dep])
            elif dep not in state:
                visit(dep, path + [dep])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)


def _indexer_imports() -> dict[str, set[str]]:
    """indexer's modules (an engine package counts as one) → the indexer modules they import, anywhere in them."""
    graph: dict[str, set[str]] = {}
    root = REPO / "indexer"
    for file in root.rglob("*.py"):
        parts = file.relative_to(root).with_suffix("").parts
        node = parts[0]
        package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
        edges = graph.setdefault(node, set())
        for item in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(item, ast.ImportFrom) and item.level:
                base = list(package[: len(package) - (item.level - 1)]) if item.level > 1 else list(package)
                target = (base + (item.module or "").split("."))[0] if (base or item.module) else ""
                if not target and item.level and not item.module:
                    target = item.names[0].name
                if target and target != node:
                    edges.add(target)
            elif isinstance(item, ast.ImportFrom) and item.module and item.module.startswith("indexer."):
                target = item.module.split(".")[1]
                if target != node:
                    edges.add(target)
    return graph


def test_the_seam_imports_no_implementation():
    """indexer/engine.py names no engine, no service and no builder: it imports the request API alone."""
    assert _indexer_imports()["engine"] <= {"api"}


def test_the_indexer_has_no_import_cycle():
    graph = _indexer_imports()
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            assert state.get(nxt) != 1, " → ".join(path + [nxt])
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


def test_engines_are_found_by_their_packages():
    from indexer.engine import engine_names, get_engine

    names = engine_names()
    assert names[0] == "whoosh" and {"whoosh", "tantivy"} <= set(names)
    for name in names:
        assert (REPO / "indexer" / f"{name}_engine" / "__init__.py").is_file()
    assert get_engine("tantivy").capabilities.answers_requests
    with pytest.raises(ValueError, match="未知的检索引擎"):
        get_engine("lucene")
