"""Check one exercise from a terminal or another editor.

    python -m course.checks ch4.relu_backward notebooks/ch04_backprop.ipynb
    python -m course.checks ch4.relu_backward my_answers.py
    python -m course.checks --list ch4

From a notebook, the code cells run in order, in this process, up to the cell that defines
the exercise (check cells are skipped, and so are IPython's ``%`` and ``!`` lines); from a
``.py`` file, the whole file runs. Then the object with the exercise's name is checked on
the visible cases, as the notebook's check cell does. Exit status: 0 when every case
passes, 1 when one fails, 2 when the file or the exercise can't be used.
"""

import argparse
import ast
import json
import os
import sys
from pathlib import Path

from course.checks import registry
from course.checks.checker import evaluate
from course.checks.report import render_text


class _Unusable(Exception):
    """The file or the exercise can't be used (exit status 2)."""


def _defines(source, name):
    """Whether ``source`` defines ``name`` at top level (def, class or assignment)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name == name:
                return True
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
    return False


def _is_check_cell(cell, source):
    """A graded cell, or one that calls ``check(...)`` at top level."""
    if cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
        return True
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return any(isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
               and isinstance(node.value.func, ast.Name) and node.value.func.id == "check"
               for node in body)


def _python_lines(source):
    """The cell's source without IPython's magics and shell escapes."""
    return "\n".join(line for line in source.splitlines()
                     if not line.lstrip().startswith(("%", "!")))


def _notebook_cells(path, name):
    """The code cells to run, in order, up to the last one that defines ``name``."""
    try:
        nb = json.loads(Path(path).read_text("utf-8"))
        cells = [c for c in nb["cells"] if c.get("cell_type") == "code"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as err:
        raise _Unusable(f"{path} is not a readable notebook ({err})") from None
    sources = [_python_lines("".join(c.get("source", ""))) for c in cells]
    defining = [i for i, s in enumerate(sources) if _defines(s, name)]
    if not defining:
        raise _Unusable(f"{path} has no cell that defines {name}")
    return [s for c, s in zip(cells[:defining[-1] + 1], sources) if not _is_check_cell(c, s)]


def _namespace(path, name):
    """Run the student's file and return its global namespace."""
    os.environ.setdefault("MPLBACKEND", "Agg")      # plots are not shown from a terminal
    if Path(path).suffix == ".ipynb":
        sources = _notebook_cells(path, name)
    else:
        try:
            sources = [Path(path).read_text("utf-8")]
        except (OSError, UnicodeDecodeError) as err:
            raise _Unusable(f"cannot read {path} ({err})") from None
    namespace = {"__name__": "__course_check__"}
    folder = str(Path(path).resolve().parent)
    sys.path.insert(0, folder)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        for i, source in enumerate(sources):
            try:
                exec(compile(source, f"{path} [cell {i + 1}]", "exec"), namespace)
            except Exception as err:
                raise _Unusable(f"running {path} failed in code cell {i + 1}: "
                                f"{type(err).__name__}: {err}") from None
    finally:
        os.chdir(cwd)
        sys.path.remove(folder)
    if name not in namespace:
        raise _Unusable(f"{path} does not define {name}")
    return namespace


def _list(prefix):
    for ex in registry.all_exercises():
        if ex.id.startswith(prefix or ""):
            print(f"{ex.id:45s} {ex.name} ({ex.points} point{'s' if ex.points != 1 else ''})")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course.checks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("exercise", nargs="?", help="an exercise id, e.g. ch4.relu_backward")
    parser.add_argument("file", nargs="?", help="a notebook (.ipynb) or a Python file")
    parser.add_argument("--list", nargs="?", const="", metavar="PREFIX",
                        help="list the exercises (whose id starts with PREFIX)")
    args = parser.parse_args(argv)
    if args.list is not None:
        _list(args.list)
        return 0
    if not args.exercise or not args.file:
        parser.error("give an exercise id and a file (or --list)")
    try:
        try:
            exercise = registry.get(args.exercise)
        except KeyError:
            raise _Unusable(f"no exercise {args.exercise!r} (python -m course.checks --list "
                            f"shows them)") from None
        obj = _namespace(args.file, exercise.name)[exercise.name]
    except _Unusable as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    report = evaluate(exercise, obj, exercise.cases(exercise.public_seed, hidden=False))
    print(render_text(report, color=sys.stdout.isatty()))
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
