"""``export``: the grades as CSV, one row per student.

One assignment: a column per exercise, the total and the status. Several (a batch of
several chapters, or every graded one): still one row per student, and for each
assignment its exercise columns, ``<assignment> total`` and ``<assignment> status``
(``not submitted`` where the student handed nothing in), then the overall ``total``.

The status tells a real zero (``ok``) from a failure (``invalid notebook: ...``,
``timeout: ...``, ``crash: ...``, ``used the reference: ...``, ``tampering: ...``); see
autograder.results.

Every text cell that a spreadsheet would read as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return: a student id, a file name in a status) is
written with a leading ``'``, as OWASP recommends against CSV injection; numbers stay
numbers.
"""

import csv
import re

from autograder import results as res
from autograder.source import load_assignment

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?")
NOT_SUBMITTED = "not submitted"


def neutralised(cell):
    """``cell`` as text a spreadsheet shows as text, never runs as a formula."""
    text = str(cell)
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def _results(course, assignment):
    """``{student: Result}`` of an assignment's result files."""
    found = (res.read(p) for p in sorted(course.results(assignment).glob("*.json")))
    return {r.student: r for r in found if r is not None}


def _cells(slots, result):
    """The exercise scores, the total and the status of one result (None: not submitted)."""
    if result is None:
        return [""] * len(slots) + ["", NOT_SUBMITTED]
    scores = {x.exercise_id: x.score for x in result.exercises}
    return [f"{scores.get(s.exercise_id, 0.0):g}" for s in slots] + \
        [f"{result.total:g}", result.status]


def rows(course, *assignments):
    """The header and the rows of the assignments' table, sorted by student."""
    slots = {a: load_assignment(course.source(a)).slots for a in assignments}
    graded = {a: _results(course, a) for a in assignments}
    students = sorted(set().union(*graded.values()))
    if len(assignments) == 1:
        (a,) = assignments
        header = ["student"] + [s.exercise_id for s in slots[a]] + ["total", "status"]
        return header, [[s] + _cells(slots[a], graded[a][s]) for s in students]
    header = ["student"]
    for a in assignments:
        header += [s.exercise_id for s in slots[a]] + [f"{a} total", f"{a} status"]
    table = []
    for student in students:
        row, total = [student], 0.0
        for a in assignments:
            result = graded[a].get(student)
            row += _cells(slots[a], result)
            total += result.total if result else 0.0
        table.append(row + [f"{total:g}"])
    return header + ["total"], table


def export_csv(course, assignments, target):
    """Write the table of ``assignments`` (a name or a list) to ``target``; the number of
    students written."""
    names = [assignments] if isinstance(assignments, str) else list(assignments)
    header, table = rows(course, *names)
    with open(target, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([neutralised(c) for c in header])
        writer.writerows([neutralised(c) for c in row] for row in table)
    return len(table)
