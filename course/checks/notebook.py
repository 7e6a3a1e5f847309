"""``check(...)``: the visible check cell of a notebook."""

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


def check(exercise_id, obj=_MISSING, hidden_seed=None):
    """Check the student's answer to ``exercise_id`` and show the result.

    Args:
        exercise_id: e.g. ``"ch4.dense_backward"``.
        obj: the student's function, class or value; by default the object with the
            exercise's name in the calling notebook's namespace.
        hidden_seed: grade on the hidden cases of this seed (more, larger cases).

    Shows the report and returns nothing (so a notebook prints no repr under it); raises
    :class:`CheckFailed` (an AssertionError) if any case fails. For the report itself, use
    :func:`course.checks.evaluate`.
    """
    exercise = registry.get(exercise_id)
    if obj is _MISSING:
        namespace = sys._getframe(1).f_globals
        if exercise.name not in namespace:
            raise CheckFailed(f"{exercise.name} is not defined: run the cell where you "
                              f"define it first")
        obj = namespace[exercise.name]
    seed = exercise.public_seed if hidden_seed is None else hidden_seed
    report = evaluate(exercise, obj, exercise.cases(seed, hidden=hidden_seed is not None))
    if _in_notebook():
        from IPython.display import HTML, display
        display(HTML(render_html(report)))
    else:
        print(render_text(report, color=sys.stdout.isatty()))
    if not report.passed:
        raise CheckFailed(headline(report))
