"""Static check: does the student's answer call the reference it must re-implement?

Looked for in the student's own cells (answers and extra cells), with the imports of every
cell that runs (a locked ``from course import ops`` makes ``ops.relu_forward`` a reference):

- inside the student's definition of the exercise's name: any expression that resolves to
  the reference (``ops.dense_backward``, ``course.ops.dense.dense_backward``,
  ``getattr(ops, "dense_backward")``, ``get("ch4.dense_backward").reference``);
- at module level: binding the exercise's name to the reference
  (``from course.ops import relu_forward``, ``relu_forward = ops.relu_forward``).

Names are resolved in the ``course`` modules the grader has imported (trusted code).
The worker's tripwire (autograder.tripwire) catches the indirect uses this cannot see.
"""

import ast
import sys

from autograder import names


def _imports(trees):
    """``{local name: dotted path}`` for imports of ``course`` modules and objects."""
    aliases = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.split(".")[0] == "course":
                        aliases[a.asname or "course"] = a.name if a.asname else "course"
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and \
                    node.module.split(".")[0] == "course":
                for a in node.names:
                    if a.name != "*":
                        aliases[a.asname or a.name] = f"{node.module}.{a.name}"
    return aliases


def _lookup(path):
    """The object at a dotted path under ``course``, or None. Only modules the grader has
    already imported are looked at: the student's text never makes the grader import."""
    parts = path.split(".")
    if parts[0] != "course":
        return None
    for cut in range(len(parts), 0, -1):
        obj = sys.modules.get(".".join(parts[:cut]))
        if obj is not None:
            for attr in parts[cut:]:
                obj = getattr(obj, attr, None)
            return obj
    return None


class _Resolver:
    def __init__(self, exercise, aliases):
        self.exercise = exercise
        self.aliases = aliases

    def path(self, node):
        """The dotted path an expression names, if it is built from a course import."""
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.path(node.value)
            return base and f"{base}.{node.attr}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id == "getattr" and len(node.args) >= 2 and \
                isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
            base = self.path(node.args[0])
            return base and f"{base}.{node.args[1].value}"
        return None

    def is_reference(self, node):
        if isinstance(node, ast.Attribute) and node.attr == "reference" and \
                isinstance(node.value, ast.Call) and any(
                    isinstance(a, ast.Constant) and a.value == self.exercise.id
                    for a in node.value.args):
            return f"get({self.exercise.id!r}).reference"
        path = self.path(node)
        if path and _lookup(path) is self.exercise.reference:
            return path
        return None

    def in_tree(self, tree):
        try:
            for node in ast.walk(tree):
                found = self.is_reference(node)
                if found:
                    return found
        except RecursionError:   # an absurdly deep expression: left to the tripwire
            pass
        return None


class Finder:
    """The static check over one submission's plan (parsed once for all its exercises)."""

    def __init__(self, plan):
        self.trees = []
        for cell in plan.cells:
            source = names.python_source(cell.code)
            try:
                tree = ast.parse(source) if source is not None else None
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                tree = None
            if tree is not None:
                self.trees.append((cell, tree))
        self.aliases = _imports(tree for _, tree in self.trees)

    def find(self, exercise):
        """A sentence naming the use of ``exercise``'s reference in the student's cells, or None."""
        resolver, name = _Resolver(exercise, self.aliases), exercise.name
        for cell, tree in self.trees:
            if not cell.from_student:
                continue
            for stmt in tree.body:
                found = self._in_statement(resolver, exercise, name, stmt)
                if found:
                    return found
        return None

    @staticmethod
    def _in_statement(resolver, exercise, name, stmt):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and \
                stmt.name == name:
            found = resolver.in_tree(stmt)
            return found and f"{name} uses the reference {found}"
        if isinstance(stmt, ast.ImportFrom) and stmt.module:
            for a in stmt.names:
                if (a.asname or a.name) == name and \
                        _lookup(f"{stmt.module}.{a.name}") is exercise.reference:
                    return f"{name} is imported from {stmt.module}"
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                found = resolver.in_tree(stmt.value)
                return found and f"{name} is bound to the reference {found}"
        return None
