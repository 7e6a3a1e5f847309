"""The structure of an assignment, read from the instructor's source notebook.

The trusted side takes everything locked from here: which cells are answers (nbgrader
``solution``), which are check cells (``grade``, with ``points``), which exercise each check
cell grades and with which hidden seeds. A check cell holds only calls of the form
``check("<exercise id>")`` and ``check("<exercise id>", hidden_seed=<int>)``; it is parsed
with :mod:`ast`, never executed.
"""

import ast
import hashlib
from dataclasses import dataclass
from typing import Optional

import nbformat

from course.checks import registry

HIDDEN_BEGIN = "BEGIN HIDDEN TESTS"
HIDDEN_END = "END HIDDEN TESTS"

# Kinds of source cells.
MARKDOWN = "markdown"   # prose (locked or not): never executed
LOCKED = "locked"       # read-only code: the instructor's text runs
ANSWER = "answer"       # an nbgrader solution cell: the student's text runs
CHECK = "check"         # an nbgrader grade cell: parsed here, never executed
FREE = "free"           # code without nbgrader metadata: the student's own cells replace it


class SourceError(Exception):
    """The source notebook does not follow the conventions of solutions/README.md."""


@dataclass
class SourceCell:
    index: int
    kind: str
    grade_id: Optional[str]
    text: str           # the instructor's text
    released: str       # the text the student receives (hidden tests removed)


@dataclass
class Slot:
    """One graded exercise: a check cell and what it checks."""

    exercise_id: str
    grade_id: str       # the check cell's grade_id (the gradebook's grade cell)
    cell_index: int     # the check cell's index in the source
    points: float
    seeds: tuple        # None for the visible (public) cases, ints for hidden seeds

    @property
    def name(self):
        return registry.get(self.exercise_id).name


@dataclass
class Assignment:
    name: str
    cells: list
    slots: list
    digest: str         # sha256 of the source file

    def cell(self, grade_id):
        return next((c for c in self.cells if c.grade_id == grade_id), None)


def without_hidden_tests(text):
    """``text`` without its hidden-tests regions, as nbgrader's ClearHiddenTests does."""
    kept, hidden = [], False
    for line in text.split("\n"):
        if HIDDEN_BEGIN in line:
            hidden = True
        elif HIDDEN_END in line:
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept)


def _kind(cell):
    meta = cell.metadata.get("nbgrader", {})
    if cell.cell_type != "code":
        return MARKDOWN
    if meta.get("grade") and not meta.get("solution"):
        return CHECK
    if meta.get("solution"):
        return ANSWER
    if meta.get("locked"):
        return LOCKED
    return FREE


def parse_check_cell(text, where="check cell"):
    """``[(exercise_id, seed or None), ...]`` of a check cell's source."""
    try:
        tree = ast.parse(text)
    except SyntaxError as err:
        raise SourceError(f"{where}: not valid Python ({err.msg})") from None
    calls = []
    for stmt in tree.body:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and call.func.id == "check" and len(call.args) == 1
                and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
                and all(k.arg == "hidden_seed" and isinstance(k.value, ast.Constant)
                        and type(k.value.value) is int for k in call.keywords)):
            raise SourceError(f"{where}: line {stmt.lineno} is not check(\"<id>\") or "
                              f"check(\"<id>\", hidden_seed=<int>)")
        seed = call.keywords[0].value.value if call.keywords else None
        calls.append((call.args[0].value, seed))
    if not calls:
        raise SourceError(f"{where}: no check(...) call")
    if len({ex for ex, _ in calls}) != 1:
        raise SourceError(f"{where}: checks several exercises; use one check cell each")
    return calls


def load_assignment(path):
    """Read and validate a source notebook; raises :class:`SourceError`."""
    data = path.read_bytes()
    nb = nbformat.reads(data.decode("utf-8"), as_version=4)
    cells, slots, seen = [], [], set()
    for index, cell in enumerate(nb.cells):
        kind = _kind(cell)
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in seen:
            raise SourceError(f"{path.name}: duplicate grade_id {grade_id!r}")
        if grade_id:
            seen.add(grade_id)
        elif kind in (ANSWER, CHECK):
            raise SourceError(f"{path.name}: cell {index} has no grade_id")
        cells.append(SourceCell(index, kind, grade_id, cell.source,
                                without_hidden_tests(cell.source)))
        if kind == CHECK:
            calls = parse_check_cell(cell.source, f"{path.name}, cell {grade_id}")
            exercise_id = calls[0][0]
            try:
                registry.get(exercise_id)
            except KeyError:
                raise SourceError(f"{path.name}, cell {grade_id}: no exercise {exercise_id!r} in "
                                  f"course.checks") from None
            points = cell.metadata["nbgrader"].get("points")
            if not isinstance(points, (int, float)) or points < 0:
                raise SourceError(f"{path.name}, cell {grade_id}: points missing")
            slots.append(Slot(exercise_id, grade_id, index, float(points),
                              tuple(seed for _, seed in calls)))
    if not slots:
        raise SourceError(f"{path.name}: no check cells")
    return Assignment(path.stem, cells, slots, hashlib.sha256(data).hexdigest())
