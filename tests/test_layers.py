"""Arrows point down (DESIGN: core ← dossiers ← analytics ← web platform ← indicators ←
inspections ← demo): a module imports only its own app and the apps below it, and no modules
import each other in a circle. A lower room announces (a signal, a registered hook) and a higher
one listens; the project's urls.py, settings and command line put the rooms together."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
LAYERS = [
    "core",
    "dossiers",
    "analytics",
    "web",
    "notices",
    "indicators",
    "inspections",
    "explanations",
    "citizens",
    "plans",
    "demo",
]
# modules of the project itself, below every app (the `cchc` command's frame, settings, env)
PLATFORM = {"cli", "env", "migration_lock", "settings", "wsgi"}


def modules() -> dict[str, Path]:
    out = {}
    for path in (SRC / "cchc").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The project's modules `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cchc"):
            names = [f"{node.module}.{a.name}" for a in node.names]
            names = [n if n in known else node.module for n in names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("cchc")]
        found.update(n for n in names if n in known)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {m: imports(p, known) - {m} for m, p in known.items()}


def layer(module: str) -> int | None:
    part = module.split(".")[1] if "." in module else ""
    if part in PLATFORM:
        return -1
    return LAYERS.index(part) if part in LAYERS else None


def test_no_arrow_points_up() -> None:
    upward = []
    for module, targets in graph().items():
        own = layer(module)
        if own is None:  # the project's composition root (urls.py, wsgi.py)
            continue
        for target in sorted(targets):
            theirs = layer(target)
            if theirs is None or theirs > own:
                upward.append(f"{module} → {target}")
    assert upward == []


def test_no_import_cycle() -> None:
    g = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in g:
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_guard_sees_an_upward_import() -> None:
    assert layer("cchc.core.models") == 0 and layer("cchc.dossiers.importer") == 1
    assert (layer("cchc.core.batches") or 0) < (layer("cchc.dossiers.models") or 0)
    assert layer("cchc.urls") is None and layer("cchc.cli") == -1
