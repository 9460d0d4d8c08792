"""The import graph of a package read from its source with :mod:`ast`, and the circles in it.

Every import counts wherever it is written: at the top, inside a function, or under
``if TYPE_CHECKING:`` (a circle of type-only imports is still a circle in the design, and is one
edit away from a real one). ``importlib.import_module("...")`` with a literal name counts too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edge:
    """One import: ``source`` imports ``target`` at ``line`` of ``source``'s file."""

    source: str
    target: str
    line: int


def module_names(root: Path, package: str) -> dict[str, Path]:
    """Every module of the package under ``root`` (the package's own folder), by dotted name."""
    modules: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join([package, *parts])] = path
    return modules


def _resolve_relative(module: str, is_package: bool, level: int, name: str | None) -> str:
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _with_parents(name: str, modules: Mapping[str, Path]) -> Iterable[str]:
    """``name`` and the packages above it that importing it runs (those in ``modules``)."""
    parts = name.split(".")
    for end in range(1, len(parts) + 1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            yield candidate


def _imported_names(node: ast.AST, module: str, is_package: bool) -> list[str]:
    """The dotted names one AST node imports (empty for any other node)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = (
            _resolve_relative(module, is_package, node.level, node.module)
            if node.level
            else node.module or ""
        )
        # ``from package import name`` imports the submodule ``package.name`` when there is one.
        return [base, *(f"{base}.{alias.name}" for alias in node.names)]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "import_module"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "importlib"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return [node.args[0].value]
    return []


def imports_in(module: str, path: Path) -> list[tuple[str, int]]:
    """Every dotted name the module's file imports, anywhere in it, with the line that does.

    ``from a import b`` gives both ``a`` and ``a.b`` (``b`` may be a submodule).
    """
    is_package = path.name == "__init__.py"
    return [
        (name, getattr(node, "lineno", 0))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        for name in _imported_names(node, module, is_package)
    ]


def import_edges(modules: Mapping[str, Path]) -> list[Edge]:
    """Each module of ``modules`` that another imports, at its first line that does.

    Imports of anything outside ``modules`` are left out.
    """
    first: dict[tuple[str, str], int] = {}
    for module, path in modules.items():
        for name, line in imports_in(module, path):
            for target in _with_parents(name, modules):
                if target != module and line < first.get((module, target), line + 1):
                    first[(module, target)] = line
    return [Edge(source, target, line) for (source, target), line in sorted(first.items())]


def strongly_connected(nodes: Iterable[str], edges: Iterable[Edge]) -> list[list[str]]:
    """The groups of modules that can each reach the others (Tarjan's algorithm, iterative)."""
    graph: dict[str, list[str]] = {node: [] for node in nodes}
    for edge in edges:
        graph.setdefault(edge.source, []).append(edge.target)
        graph.setdefault(edge.target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = graph[node]
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(sorted(group))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups


def circles(modules: Mapping[str, Path]) -> list[list[Edge]]:
    """One concrete circle (as the imports that make it) for every group of modules in a circle."""
    edges = import_edges(modules)
    found: list[list[Edge]] = []
    for group in strongly_connected(modules, edges):
        if len(group) < 2:
            continue
        members = set(group)
        inside: dict[str, list[Edge]] = {}
        for edge in edges:
            if edge.source in members and edge.target in members:
                inside.setdefault(edge.source, []).append(edge)
        found.append(_shortest_way_back(group[0], inside))
    return found


def _shortest_way_back(start: str, inside: Mapping[str, list[Edge]]) -> list[Edge]:
    """The shortest chain of imports from ``start`` back to ``start`` (breadth first)."""
    came_by: dict[str, Edge] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for edge in inside.get(node, []):
                if edge.target == start:
                    chain = [edge]
                    while chain[0].source != start:
                        chain.insert(0, came_by[chain[0].source])
                    return chain
                if edge.target not in came_by:
                    came_by[edge.target] = edge
                    following.append(edge.target)
        frontier = following
    raise AssertionError(f"{start} is in a circle but no way back was found")


def describe(circle: list[Edge]) -> str:
    """A circle as ``a (line 3) -> b (line 9) -> a``."""
    steps = [f"{edge.source} (line {edge.line})" for edge in circle]
    return " -> ".join([*steps, circle[0].source])
