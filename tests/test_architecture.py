"""The shape of lib/: packages that say their job, no Streamlit, no import cycle, small modules.

Imports are read with `ast`, so an import inside a function or under TYPE_CHECKING counts as much
as one at the top of a module: a cycle hidden in a lazy import is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "lib"
MAX_MODULE_LINES = 300
MAX_PAGE_LINES = 150


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in LIB.rglob("*.py")}


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every lib module that `path` imports, wherever in the file the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from lib.store import writes` imports the module lib.store.writes
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
            names = [n for n in names if n in known] or [node.module]
        else:
            continue
        found.update(n for n in names if n in known)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(path, known) - {name} for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2])


def test_cycle_finder_finds_a_cycle():
    # The check below is only worth something if it can fail.
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_lib_never_imports_streamlit():
    offenders = []
    for path in LIB.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            if any(n == "streamlit" or n.startswith("streamlit.") for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_no_import_cycle_between_modules():
    assert _cycles(_graph()) == []


def test_no_import_cycle_between_packages():
    packages: dict[str, set[str]] = {}
    for module, targets in _graph().items():
        source = _package(module)
        edges = packages.setdefault(source, set())
        edges.update(_package(t) for t in targets if _package(t) != source)
    # The package `lib` itself (lib/__init__.py) is no layer of its own.
    packages.pop("lib", None)
    for edges in packages.values():
        edges.discard("lib")
    assert _cycles(packages) == []


def test_lib_is_packages_that_say_their_job():
    packages = [p for p in LIB.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    assert len(packages) >= 5
    for package in packages:
        docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text()))
        assert docstring and len(docstring) > 40, f"{package.name}/__init__.py needs a docstring"
    loose = {p.name for p in LIB.glob("*.py")} - {"__init__.py", "__main__.py"}
    assert len(loose) <= 4, sorted(loose)


def test_modules_and_pages_stay_small():
    too_long = {
        str(p.relative_to(ROOT)): n
        for p in LIB.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    too_long |= {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "pages").glob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_PAGE_LINES
    }
    assert too_long == {}


# The steering loop (actions, decisions) is a package of its own over the store's database: it
# builds on the store, the plan and the figures, never the other way, and the store does not
# grow to hold it (22 modules when lib/steering/ was split off).
STEERING = "lib.steering"
STEERING_MAY_USE = {"lib.store", "lib.plan", "lib.figures", "lib.problems", "lib.fmt", "lib.cells"}
STORE_MODULES = 22


def test_steering_builds_on_the_store_never_the_other_way():
    graph = _graph()
    steering = {m: t for m, t in graph.items() if _package(m) == STEERING}
    assert steering, "lib/steering/ is missing"
    used = {_package(t) for targets in steering.values() for t in targets} - {STEERING, "lib"}
    assert used <= STEERING_MAY_USE, sorted(used - STEERING_MAY_USE)
    lower = {m for m in graph if _package(m) in STEERING_MAY_USE}
    back = sorted(m for m in lower if any(_package(t) == STEERING for t in graph[m]))
    assert back == []
    store_modules = [p for p in (LIB / "store").glob("*.py") if p.name != "__init__.py"]
    assert len(store_modules) <= STORE_MODULES, sorted(p.name for p in store_modules)
