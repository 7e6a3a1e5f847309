"""Exercise specs and the checker that compares a student's code with ``course.ops``.

In a notebook: ``from course.checks import check`` then ``check("ch4.dense_backward")``.
"""

from course.checks.checker import evaluate, judge, run_student  # noqa: F401
from course.checks.notebook import CheckFailed, check  # noqa: F401
from course.checks.registry import all_exercises, get  # noqa: F401
from course.checks.spec import Case, Exercise, Mistake  # noqa: F401
