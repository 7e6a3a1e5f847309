"""ch4.relative_error: max |a - b| / (|a| + |b|), elementwise."""

import numpy as np

from course.checks.cases import randn
from course.checks.spec import Case, Exercise, Mistake
from course.ops.gradient_check import relative_error


def _relative_error_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        shape = tuple(int(v) for v in rng.integers(1, 20 if hidden else 6, size=2))
        a = randn(rng, *shape)
        b = a * (1 + randn(rng, *shape, scale=10.0 ** rng.integers(-9, -2)))
        cases.append(Case("nearly equal arrays", {"a": a, "b": b}))
    a = randn(rng, 3, 4)
    cases.append(Case("identical arrays", {"a": a, "b": a.copy()}))
    a = np.abs(randn(rng, 5)) + 0.1
    b = a.copy()
    b[2] = -b[2] * 3
    cases.append(Case("an opposite sign", {"a": a, "b": b}))
    cases.append(Case("zeros in both", {"a": np.array([0.0, 1.0, 0.0, -2.0]),
                                        "b": np.array([0.0, 1.1, 0.0, -2.0])}))
    cases.append(Case("zero against nonzero", {"a": np.array([0.0, 3.0]),
                                               "b": np.array([1e-3, 3.0])}))
    cases.append(Case("numbers", {"a": 2.0, "b": 2.2}))
    big = randn(rng, 6, scale=1e30)
    cases.append(Case("huge magnitudes", {"a": big, "b": big * (1 + 1e-6 * randn(rng, 6))}))
    cases.append(Case("small relative gaps", {"a": np.array([1e-3, 2e-3, 5.0]),
                                              "b": np.array([1.2e-3, 2e-3, 5.000001])}))
    if hidden:
        a = randn(rng, 100, 100)
        cases.append(Case("nearly equal arrays", {"a": a, "b": a + randn(rng, 100, 100,
                                                                             scale=1e-8)}))
    return cases


def relative_error__no_absolute_values_in_the_denominator(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    num = np.abs(a - b)
    den = a + b
    with np.errstate(all="ignore"):
        err = np.where(num == 0, 0.0, num / den)
    return float(err.max())


def relative_error__relative_to_b_only(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    num = np.abs(a - b)
    with np.errstate(all="ignore"):
        err = np.where(num == 0, 0.0, num / np.abs(b))
    return float(err.max())


def relative_error__mean_instead_of_max(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    num = np.abs(a - b)
    den = np.abs(a) + np.abs(b)
    with np.errstate(all="ignore"):
        err = np.where(den > 0, num / den, 0.0)
    return float(err.mean())


def relative_error__norms_instead_of_elementwise(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    den = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / den) if den > 0 else 0.0


RELATIVE_ERROR = Exercise(
    id="ch4.relative_error", name="relative_error", reference=relative_error,
    make_cases=_relative_error_cases, output_names=("error",), rtol=1e-6, atol=1e-12, points=1,
    mistakes=[
        Mistake("no absolute values in the denominator",
                "Divide by |a| + |b|: with a + b, entries of opposite signs give a denominator "
                "near 0 or negative.",
                relative_error__no_absolute_values_in_the_denominator),
        Mistake("relative to b only",
                "Dividing by |b| alone is lopsided (and infinite where b is 0). Use the "
                "symmetric |a| + |b|.",
                relative_error__relative_to_b_only),
        Mistake("mean instead of max",
                "A gradient check cares about the worst entry: return the max over the "
                "elements, not the mean (one wrong entry hides among many right ones).",
                relative_error__mean_instead_of_max),
        Mistake("norms instead of elementwise",
                "You compared whole arrays with norms. The error asked for is elementwise, "
                "|a_i - b_i| / (|a_i| + |b_i|), and then the max over i.",
                relative_error__norms_instead_of_elementwise),
    ],
    summary="max |a - b| / (|a| + |b|), elementwise")
