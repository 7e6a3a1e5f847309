"""The grader's side of an exercise: its cases, made from the source's seeds, and the
reference's outputs, computed once per grading process and shared by every submission."""

from dataclasses import dataclass
from functools import lru_cache

from autograder import protocol
from autograder.budget import budget
from course.checks import registry
from course.checks.checker import expected_output


@dataclass
class Prepared:
    exercise: object
    cases: list
    expected: list
    texts: list          # each case's args, encoded for the protocol
    budgets: list        # the most JSON values each case's answer may hold


@lru_cache(maxsize=None)
def prepare(exercise_id, seeds):
    """Cases of ``seeds`` (None: the public seed's visible cases; an int: hidden cases)."""
    exercise = registry.get(exercise_id)
    cases = []
    for seed in seeds:
        cases += exercise.cases(exercise.public_seed if seed is None else seed,
                                hidden=seed is not None)
    expected = [expected_output(exercise, c) for c in cases]
    return Prepared(exercise, cases, expected, [protocol.encode(c.args) for c in cases],
                    [budget(e, c.args) for e, c in zip(expected, cases)])
