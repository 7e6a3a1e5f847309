"""ch1.logsumexp: log(sum(exp(x), axis)) without overflow."""

import numpy as np

from course.checks.cases import dims, rows_of_magnitudes
from course.checks.spec import Case, Exercise, Mistake
from course.ops.reductions import logsumexp


def logsumexp__overflow(x, axis=-1):
    return np.log(np.sum(np.exp(x), axis=axis))


def logsumexp__maximum_not_added_back(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    return np.log(np.sum(np.exp(x - m), axis=axis))


def logsumexp__maximum_without_keepdims(x, axis=-1):
    m = np.max(x, axis=axis)
    return m + np.log(np.sum(np.exp(x - m), axis=axis))


def logsumexp__axis_ignored(x, axis=-1):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m), axis=-1))


def _logsumexp_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, k = dims(rng, 2, 9, 2)
        while n == k:
            k = int(rng.integers(2, 10))
        cases.append(Case("random, last axis", {"x": rng.standard_normal((n, k)) * 3}))
    cases.append(Case("axis 0", {"x": rng.standard_normal((3, 5)), "axis": 0}))
    cases.append(Case("square matrix", {"x": rng.standard_normal((4, 4)) * 2}))
    cases.append(Case("three axes, axis 1", {"x": rng.standard_normal((2, 3, 4)), "axis": 1}))
    cases.append(Case("zeros", {"x": np.zeros((2, 5))}))
    cases.append(Case("huge values", {"x": rng.standard_normal((3, 4)) + 1000.0}))
    cases.append(Case("very negative values", {"x": rng.standard_normal((4, 3)) - 1000.0}))
    cases.append(Case("mixed magnitudes", {"x": np.array([[800.0, -800.0, 0.0],
                                                           [-5.0, 1e-3, 2.0]])}))
    cases.append(Case("one row", {"x": rng.standard_normal((1, 6))}))
    cases.append(Case("rows of very different magnitudes", {"x": rows_of_magnitudes(rng, 5)}))
    if hidden:
        cases.append(Case("large", {"x": rng.standard_normal((2000, 100)) * 50}))
        cases.append(Case("a vector", {"x": rng.standard_normal(7), "axis": 0}))
    return cases


LOGSUMEXP = Exercise(
    id="ch1.logsumexp", name="logsumexp", reference=logsumexp, make_cases=_logsumexp_cases,
    points=2, rtol=1e-6, atol=1e-8,
    summary="log(sum(exp(x), axis)) without overflow",
    mistakes=[
        Mistake("overflow",
                "exp(1000) overflows to inf (and exp(-1000) underflows to 0, whose log is "
                "-inf). Subtract the maximum first: logsumexp(x) = m + "
                "log(sum(exp(x - m))).", logsumexp__overflow),
        Mistake("maximum not added back",
                "You subtracted the maximum m before the exp but forgot to add it back: "
                "log(sum(exp(x))) = m + log(sum(exp(x - m))).", logsumexp__maximum_not_added_back),
        Mistake("maximum without keepdims",
                "x - x.max(axis) lines the maxima up with the wrong axis (numpy aligns shapes "
                "at the right). Keep the reduced axis: x.max(axis, keepdims=True), and "
                "squeeze it when you add it back.", logsumexp__maximum_without_keepdims),
        Mistake("axis ignored",
                "Your function does not use its axis argument (it always reduces the last "
                "axis, or takes one maximum for the whole array).", logsumexp__axis_ignored),
    ])
