"""A small test chapter for the autograder's tests: three quick exercises.

Loaded through ``COURSE_CHECKS_EXTRA=<path of this file>`` (see course.checks.registry);
its source notebook is ``toy_course/solutions/toy_warmup.ipynb``.
"""

import numpy as np

from course import ops
from course.checks.spec import Case, Exercise, Mistake


def mean_rows(x):
    """The mean of each row of a 2-D array."""
    return x.mean(axis=1)


def _mean_rows_cases(rng, hidden):
    cases = [Case("random shapes", {"x": rng.standard_normal((int(rng.integers(2, 6)), 3))})
             for _ in range(6 if hidden else 2)]
    cases.append(Case("one row", {"x": np.ones((1, 4))}))
    if hidden:
        cases.append(Case("large", {"x": rng.standard_normal((300, 200))}))
    return cases


def _mean_rows__wrong_axis(x):
    return x.mean(axis=0)


def _mean_rows__sum(x):
    return x.sum(axis=1)


def _relu_cases(rng, hidden):
    cases = [Case("random values", {"x": rng.standard_normal((3, int(rng.integers(2, 7))))})
             for _ in range(5 if hidden else 2)]
    cases.append(Case("zeros", {"x": np.zeros((2, 2))}))
    return cases


def _call_out(obj, args):
    return obj(**args)[0]


def _relu__minimum(x):
    return np.minimum(x, 0), None


def count_positive(x):
    """How many entries of ``x`` are > 0, as a Python int."""
    return int(np.sum(x > 0))


def _count_cases(rng, hidden):
    cases = [Case("random values", {"x": rng.standard_normal(int(rng.integers(3, 30)))})
             for _ in range(5 if hidden else 2)]
    cases.append(Case("all zeros", {"x": np.zeros(4)}))
    return cases


def _count__nonnegative(x):
    return int(np.sum(x >= 0))


EXERCISES = [
    Exercise(id="toy.mean_rows", name="mean_rows", reference=mean_rows,
             make_cases=_mean_rows_cases, points=2,
             mistakes=[Mistake("wrong axis", "You averaged over axis 0 (the columns).",
                               _mean_rows__wrong_axis),
                       Mistake("sum instead of mean", "Divide by the number of columns.",
                               _mean_rows__sum)]),
    Exercise(id="toy.relu_forward", name="relu_forward", reference=ops.relu_forward,
             make_cases=_relu_cases, call=_call_out, points=1,
             mistakes=[Mistake("kept the negative part", "ReLU keeps max(x, 0).",
                               _relu__minimum)]),
    Exercise(id="toy.count_positive", name="count_positive", reference=count_positive,
             make_cases=_count_cases, points=1,
             mistakes=[Mistake("counted zeros", "0 is not positive: use x > 0.",
                               _count__nonnegative)]),
]
