"""DESIGN's import direction, checked on the source: every module under ``course/`` and
``autograder/`` is parsed (imports inside functions included) and its imports must point one
way: ``tf -> keras -> ops -> numpy/numba``; ``checks -> ops``; ``autograder -> course`` and
never the reverse; layers never import models; and no import cycle.

The tree is walked, so new or moved modules are covered as they come.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("course", "autograder")


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules():
    """``{module name: path}`` for every ``.py`` file of the packages."""
    return {module_name(path): path for package in PACKAGES
            for path in sorted((ROOT / package).rglob("*.py"))}


MODULES = all_modules()


def resolve(name):
    """The module ``name`` refers to: itself, or the nearest package of ours above it."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module, path):
    """``[(imported module, line)]``: every import of ours in the file, wherever it stands."""
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")
                package = package if is_package else package[:-1]
                package = package[:len(package) - (node.level - 1)]
                base = ".".join(package + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            resolved = resolve(target) if target.split(".")[0] in PACKAGES else None
            if resolved and resolved != module and (resolved, node.lineno) not in found:
                found.append((resolved, node.lineno))
    return found


GRAPH = {module: imports_of(module, path) for module, path in MODULES.items()}


def within(module, package):
    return module == package or module.startswith(package + ".")


FORBIDDEN = [
    # (importer, imported, why)
    ("course", "autograder", "course never imports autograder"),
    ("course.ops", "course.keras", "ops is below keras"),
    ("course.ops", "course.autodiff", "ops is below the autodiff engine and tf"),
    ("course.ops", "course.checks", "the library never imports the checker"),
    ("course.ops", "course.data", "ops holds operations only"),
    ("course.keras", "course.autodiff", "tf -> keras, never keras -> tf"),
    ("course.keras", "course.checks", "the library never imports the checker"),
    ("course.autodiff", "course.checks", "the library never imports the checker"),
    ("course.data", "course.checks", "the library never imports the checker"),
    ("course.data", "course.keras", "data is below keras"),
    ("course.keras.layers", "course.keras.models", "layers never import models"),
    ("course.keras.layers", "course.keras.trainers", "layers never import the trainer"),
]


def test_the_walk_finds_the_packages():
    assert "course.keras.models.model" in MODULES and "autograder" in MODULES
    assert ("course.keras.layers.layer", "course.keras.models") not in {
        (m, t) for m, edges in GRAPH.items() for t, _ in edges}


def test_imports_point_one_way():
    broken = []
    for module, edges in GRAPH.items():
        for target, line in edges:
            for importer, imported, why in FORBIDDEN:
                if within(module, importer) and within(target, imported):
                    broken.append(f"{MODULES[module].relative_to(ROOT)}:{line} imports "
                                  f"{target} ({why})")
    assert not broken, "\n".join(broken)


def cycles(graph):
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w, _ in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_there_is_no_import_cycle():
    found = cycles(GRAPH)
    detail = []
    for component in found:
        members = set(component)
        detail.append(" <-> ".join(component) + ": " + "; ".join(
            f"{m} -> {t} (line {line})" for m in component for t, line in GRAPH[m]
            if t in members))
    assert not found, "\n".join(detail)


@pytest.mark.parametrize("graph, expected", [
    ({"a": [("b", 1)], "b": [("a", 2)]}, [["a", "b"]]),
    ({"a": [("b", 1)], "b": [("c", 1)], "c": []}, []),
    ({"a": [("b", 1)], "b": [("c", 1)], "c": [("a", 1)], "d": [("a", 1)]}, [["a", "b", "c"]]),
])
def test_the_cycle_finder(graph, expected):
    assert cycles(graph) == expected


def test_function_level_imports_are_seen(tmp_path):
    source = "def f():\n    from course.keras.models import model\n"
    path = ROOT / "course" / "keras" / "layers" / "layer.py"
    tree_imports = imports_of("course.keras.layers.layer", path)
    assert all(target != "course.keras.models.model" for target, _ in tree_imports)
    probe = tmp_path / "probe.py"
    probe.write_text(source)
    assert imports_of("course.probe", probe) == [("course.keras.models.model", 2)]

