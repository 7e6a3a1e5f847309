"""``check(...)``: the visible check cell of a notebook.

In a student's notebook a failing check shows its red report and lets the notebook go on,
so that "Run All" reaches the later sections of a chapter whose early exercises are not
done yet. Where a failure must count as one, it raises :class:`CheckFailed` instead:
under grading (nbgrader sets ``NBGRADER_EXECUTION`` while it autogrades or validates), in
a plain Python process (scripts, tests), or when ``COURSE_CHECKS_STRICT=1``.
"""

import html
import os
import sys

from course.checks import registry
from course.checks.checker import evaluate
from course.checks.report import headline, render_html, render_text

_MISSING = object()


class CheckFailed(AssertionError):
    """Raised when a check fails, so that nbgrader scores the cell 0. In IPython it shows
    as one line instead of a traceback (the report above it says what went wrong)."""

    def _render_traceback_(self):
        return [f"\x1b[31mCheckFailed: {self}\x1b[0m"]


def _in_notebook():
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def failures_raise():
    """Whether a failing check raises :class:`CheckFailed` here (see the module docstring)."""
    if os.environ.get("NBGRADER_EXECUTION") or os.environ.get("COURSE_CHECKS_STRICT") == "1":
        return True
    return not _in_notebook()


def check(exercise_id, obj=_MISSING, hidden_seed=None):
    """Check the student's answer to ``exercise_id`` and show the result.

    Args:
        exercise_id: e.g. ``"ch4.dense_backward"``.
        obj: the student's function, class or value; by default the object with the
            exercise's name in the calling notebook's namespace.
        hidden_seed: grade on the hidden cases of this seed (more, larger cases).

    Shows the report and returns nothing (so a notebook prints no repr under it). If any
    case fails it raises :class:`CheckFailed` (an AssertionError) where
    :func:`failures_raise` says so, and otherwise only shows the failure. For the report
    itself, use :func:`course.checks.evaluate`.
    """
    exercise = registry.get(exercise_id)
    if obj is _MISSING:
        namespace = sys._getframe(1).f_globals
        if exercise.name not in namespace:
            _fail(f"{exercise.name} is not defined: run the cell where you define it first")
            return
        obj = namespace[exercise.name]
    seed = exercise.public_seed if hidden_seed is None else hidden_seed
    report = evaluate(exercise, obj, exercise.cases(seed, hidden=hidden_seed is not None))
    _show(render_html(report), render_text(report, color=sys.stdout.isatty()))
    if not report.passed and failures_raise():
        raise CheckFailed(headline(report))


def _show(html_text, plain_text):
    if _in_notebook():
        from IPython.display import HTML, display
        display(HTML(html_text))
    else:
        print(plain_text)


def _fail(message):
    """A failure that is not a report: raise it, or show it in red and go on."""
    if failures_raise():
        raise CheckFailed(message)
    _show(f'<div style="color:#cf222e;font-weight:600">{html.escape(message)}</div>',
          message)
