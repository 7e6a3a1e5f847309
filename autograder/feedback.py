"""Per-student HTML feedback: each exercise's score, status and diagnosis.

Only what the grader concluded is shown (the checker's report lines and the catalogued
mistake's diagnosis, errors of the student's own cells); never the source of the check
cells, the hidden seeds, or the worker's output (which could echo hidden inputs), nor the
corrected code of a catalogued mistake unless the instructor asks for it (``autograder
feedback --show-fixes``, or ``COURSE_SHOW_FIXES=1``).
Written to feedback/<student>/<assignment>/<assignment>.html, nbgrader's layout.
"""

import html

from autograder import results as res
from autograder.layout import safe_name
from course.checks.fixes import show_fixes
from course.checks.report import without_fixes

STYLE = """body{font-family:system-ui,sans-serif;max-width:56em;margin:2em auto;color:#1f2328}
table{border-collapse:collapse}
td,th{padding:.3em .8em;border-bottom:1px solid #d0d7de;text-align:left}
.passed{color:#1a7f37}.bad{color:#cf222e}
pre{background:#f6f8fa;padding:.6em;white-space:pre-wrap}"""


def render(result, show_fix=False):
    """The feedback page of one :class:`~autograder.results.Result`; the corrected code of a
    diagnosed mistake only if ``show_fix``."""
    e = html.escape
    max_total = sum(x.points for x in result.exercises)
    rows = "".join(
        f"<tr><td>{e(x.exercise_id)}</td><td>{x.score:g} / {x.points:g}</td>"
        f"<td class=\"{'passed' if x.status == res.PASSED else 'bad'}\">{e(x.status)}</td></tr>"
        for x in result.exercises)
    details = "".join(
        f"<h3>{e(x.exercise_id)}: {e(x.status)}</h3>"
        f"<pre>{e(x.diagnosis if show_fix else without_fixes(x.diagnosis))}</pre>"
        for x in result.exercises if x.status != res.PASSED)
    cells = "".join(f"<li><b>{e(label)}</b>: {e(outcome)}</li>" for label, outcome in result.cells)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{e(result.assignment)}: "
            f"{e(result.student)}</title><style>{STYLE}</style></head><body>"
            f"<h1>{e(result.assignment)}</h1><p>Student: <b>{e(result.student)}</b> &middot; "
            f"notebook: {e(result.file or '-')}</p>"
            f"<p>Score: <b>{result.total:g} / {max_total:g}</b> &middot; "
            f"status: {e(result.status)}</p>"
            f"<table><tr><th>exercise</th><th>score</th><th>status</th></tr>{rows}</table>"
            f"{details}"
            + (f"<h2>Cells that did not run cleanly</h2><ul>{cells}</ul>" if cells else "")
            + "</body></html>")


def write_feedback(course, assignment, show_fix=None):
    """Write every graded student's page; returns the paths. ``show_fix`` (default:
    ``COURSE_SHOW_FIXES``) shows the corrected code of the diagnosed mistakes."""
    show_fix = show_fixes() if show_fix is None else show_fix
    paths = []
    for path in sorted(course.results(assignment).glob("*.json")):
        result = res.read(path)
        if result is None:
            continue
        folder = course.feedback / safe_name(result.student) / assignment
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{assignment}.html"
        target.write_text(render(result, show_fix), "utf-8")
        paths.append(target)
    return paths
