"""``export``: one CSV row per student, a column per exercise, the total and the status.

The status tells a real zero (``ok``) from a failure (``invalid notebook: ...``,
``timeout: ...``, ``crash: ...``, ``used the reference: ...``, ``tampering: ...``); see
autograder.results.
"""

import csv

from autograder import results as res
from autograder.source import load_assignment


def rows(course, assignment):
    """The header and the rows of the assignment's table, sorted by student."""
    slots = load_assignment(course.source(assignment)).slots
    header = ["student"] + [s.exercise_id for s in slots] + ["total", "status"]
    table = []
    for path in sorted(course.results(assignment).glob("*.json")):
        result = res.read(path)
        if result is None:
            continue
        scores = {x.exercise_id: x.score for x in result.exercises}
        table.append([result.student] + [f"{scores.get(s.exercise_id, 0.0):g}" for s in slots]
                     + [f"{result.total:g}", result.status])
    return header, sorted(table)


def export_csv(course, assignment, target):
    header, table = rows(course, assignment)
    with open(target, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(table)
    return len(table)
