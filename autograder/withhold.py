"""The reference of the exercise being graded is not held by the student's process at all.

Heuristics cannot stop a student from reaching a reference (running its module's source,
unwrapping a wrapper's ``__closure__``, ``functools.partial``, code compiled under the
library's file name); construction can:

- in memory: each exercise is run by a worker of its own (the cells run again in it), in
  which, before any student code, the reference's function object gets the code of a stub
  that raises ``RuntimeError: <module>.<name> is not available while grading``
  (:func:`withhold`). Every name, wrapper, closure or ``partial`` that holds the function
  now holds the stub, and its real code is gone from the process. The references of the
  other exercises stay: a stuck student may still call them;
- on disk: the sandbox shows, where the library lives, a copy of it in which the
  references of every exercise of the assignment are such stubs (:class:`LibraryCopy`),
  so their source cannot be run either.

References are found through their ``Exercise`` (``reference.__module__`` and
``__qualname__``), wherever the definition lives.
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

COPY_ENV = "AUTOGRADER_LIBRARY_COPY"     # for the sandbox: the copy to show
SKIP = shutil.ignore_patterns("*.pyc", ".*")


def message(function):
    return f"{function.__module__}.{function.__qualname__} is not available while grading"


def _unwrapped(reference):
    """The plain function behind ``reference`` (numba's ``py_func``, ``functools.wraps``)."""
    return inspect.unwrap(getattr(reference, "py_func", reference))


def withhold(exercise):
    """Make this process's reference of ``exercise`` a stub, in place (worker side)."""
    function = _unwrapped(exercise.reference)
    if not inspect.isfunction(function):
        return
    text = message(function)
    free = function.__code__.co_freevars      # a closure's stub must close over as many
    namespace = {}
    exec("def outer():\n" + "".join(f"    {v} = None\n" for v in free) +
         "    def stub(*args, **kwargs):\n" + "".join(f"        {v}\n" for v in free) +
         f"        raise RuntimeError({text!r})\n    return stub\n", namespace)
    stub = namespace["outer"]()
    names = {k: getattr(function.__code__, k) for k in ("co_name", "co_qualname")
             if hasattr(function.__code__, k)}       # co_qualname: Python 3.11+
    function.__code__ = stub.__code__.replace(co_filename="<withheld>", **names)
    function.__defaults__ = function.__kwdefaults__ = None
    function.__doc__ = text


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


def stubbed(text, qualname):
    """``text`` (a module's source) with the definition of ``qualname`` replaced by a stub
    that raises, on as many lines (the rest keeps its line numbers); None if the module
    does not define it."""
    node = _node(ast.parse(text), qualname)
    if node is None:
        return None
    lines = text.splitlines(keepends=True)
    first = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
    indent = " " * node.col_offset
    stub = [f"{indent}def {node.name}(*_, **__):\n",
            f"{indent}    raise RuntimeError('not available while grading')\n"]
    stub += ["\n"] * (node.end_lineno - first - len(stub))
    return "".join(lines[:first] + stub + lines[node.end_lineno:])


class LibraryCopy:
    """A world-readable temporary copy of the ``course`` package in which the references
    of ``exercises`` are stubs; :meth:`env` tells a zygote's sandbox to show it."""

    def __init__(self, exercises):
        self.folder = Path(tempfile.mkdtemp(prefix="autograder-library-"))
        os.chmod(self.folder, 0o755)
        self.real = Path(course.__file__).resolve().parent
        self.copy = self.folder / "course"
        shutil.copytree(self.real, self.copy, ignore=SKIP)
        try:
            for exercise in exercises:
                self._withhold(_unwrapped(exercise.reference))
        except BaseException:
            self.close()
            raise

    def _withhold(self, function):
        label = f"{function.__module__}.{function.__qualname__}"
        path = Path(getattr(sys.modules.get(function.__module__), "__file__", "") or "/")
        if not path.resolve().is_relative_to(self.real):
            return      # an extra spec module outside the library: not in the sandbox at all
        target = self.copy / path.resolve().relative_to(self.real)
        text = stubbed(target.read_text("utf-8"), function.__qualname__)
        if text is None:
            raise CourseError(f"cannot withhold the reference {label}: {path} does not "
                              f"define it")
        stat = target.stat()
        data = text.encode("utf-8")
        data += b"#" * max(0, stat.st_size - len(data))   # same size and time: numba's
        target.write_bytes(data)                           # caches of the rest stay valid
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    def env(self, env):
        """The zygote's environment ``env``, telling its sandboxes to show the copy."""
        return {**env, COPY_ENV: str(self.copy)}

    def close(self):
        shutil.rmtree(self.folder, ignore_errors=True)
