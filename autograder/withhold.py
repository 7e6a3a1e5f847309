"""While an assignment is graded, the student's process does not hold the references of
its exercises at all.

Heuristics cannot stop a student from reaching a reference (running its module's source,
unwrapping a wrapper's ``__closure__``, ``functools.partial``, code compiled under the
library's file name); construction can. The zygote (and so every worker forked from it)
imports a copy of the ``course`` package, and of the extra spec files, in which each
exercise's reference, found through its ``Exercise`` (``reference.__module__`` and
``__qualname__``, wherever the definition lives), is a stub that raises
``RuntimeError: <module>.<name> is not available while grading``. The references of the
other assignments stay: a stuck student may still call them. The sandbox shows this copy,
and only it, where the library lives (autograder.sandbox).
"""

import ast
import inspect
import os
import shutil
import sys
import tempfile
from pathlib import Path

import course
from autograder.layout import CourseError
from course.checks import registry

REAL_COURSE_ENV = "AUTOGRADER_REAL_COURSE"   # the library's real folder, for the sandbox
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.nbi", "*.nbc", ".*")


def definition(reference):
    """``(module, qualname)`` of the function behind ``reference`` (numba's ``py_func``,
    ``functools.wraps`` chains)."""
    function = inspect.unwrap(getattr(reference, "py_func", reference))
    return function.__module__, function.__qualname__


def _node(tree, qualname):
    """The ``def``/``class`` statement of ``qualname`` (``f`` or ``Class.method``)."""
    body, node = tree.body, None
    for part in qualname.split("."):
        node = next((n for n in body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                       ast.ClassDef)) and n.name == part), None)
        if node is None:
            return None
        body = node.body
    return node


def stubbed(text, qualname, label):
    """``text`` (a module's source) with the definition of ``qualname`` replaced by a stub
    that raises; None if the module does not define it."""
    node = _node(ast.parse(text), qualname)
    if node is None:
        return None
    lines = text.splitlines(keepends=True)
    first = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
    indent = " " * node.col_offset
    stub = (f"{indent}def {node.name}(*args, **kwargs):\n"
            f"{indent}    raise RuntimeError({label + ' is not available while grading'!r})\n")
    return "".join(lines[:first]) + stub + "".join(lines[node.end_lineno:])


class SandboxCourse:
    """A world-readable temporary folder holding ``course`` and the extra spec files, with
    the references of ``exercises`` as stubs; :meth:`env` points a zygote at it."""

    def __init__(self, exercises):
        self.folder = Path(tempfile.mkdtemp(prefix="autograder-course-"))
        os.chmod(self.folder, 0o755)
        self.real = Path(course.__file__).resolve().parent
        shutil.copytree(self.real, self.folder / "course", ignore=SKIP)
        self.copies = {self.real: self.folder / "course"}   # real folder or file -> copy
        self.extras = []
        for entry in os.environ.get(registry.EXTRA_ENV, "").split(","):
            if entry.strip():
                self.extras.append(self._copy_extra(entry.strip()))
        try:
            for exercise in exercises:
                self._withhold(*definition(exercise.reference))
        except BaseException:
            self.close()
            raise

    def _copy_extra(self, entry):
        if entry.endswith(".py"):
            target = self.folder / "extra" / Path(entry).name
            target.parent.mkdir(exist_ok=True)
            shutil.copy(entry, target)
            self.copies[Path(entry).resolve()] = target
            return str(target)
        top = Path(sys.modules[entry.split(".")[0]].__file__).resolve()
        top = top.parent if top.name == "__init__.py" else top
        target = self.folder / top.name
        (shutil.copytree(top, target, ignore=SKIP) if top.is_dir() else shutil.copy(top, target))
        self.copies[top] = target
        return entry

    def _copy_of(self, path):
        for real, copy in self.copies.items():
            if path == real:
                return copy
            if path.is_relative_to(real) and real.is_dir():
                return copy / path.relative_to(real)
        return None

    def _withhold(self, module, qualname):
        label = f"{module}.{qualname}"
        path = getattr(sys.modules.get(module), "__file__", None)
        copy = path and self._copy_of(Path(path).resolve())
        if copy is None:
            raise CourseError(f"cannot withhold the reference {label}: its module is not "
                              f"part of the course library or the extra specs")
        text = stubbed(copy.read_text("utf-8"), qualname, label)
        if text is None:
            raise CourseError(f"cannot withhold the reference {label}: {path} does not "
                              f"define it")
        copy.write_text(text, "utf-8")

    def env(self, env):
        """The zygote's environment ``env``, importing from the copy."""
        env = dict(env)
        env["PYTHONPATH"] = os.pathsep.join([str(self.folder)] +
                                            env.get("PYTHONPATH", "").split(os.pathsep))
        if self.extras:
            env[registry.EXTRA_ENV] = ",".join(self.extras)
        env[REAL_COURSE_ENV] = str(self.real)
        return env

    def close(self):
        shutil.rmtree(self.folder, ignore_errors=True)
