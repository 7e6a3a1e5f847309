"""ch1.standardize: per-feature zero mean and unit variance over the batch axis."""

import numpy as np

from course.checks.cases import rows_of_magnitudes
from course.checks.spec import Case, Exercise, Mistake
from course.ops.reductions import standardize


def standardize__statistics_per_row(x, eps=1e-8):
    mean = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps)


def standardize__sample_standard_deviation(x, eps=1e-8):
    return (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0, ddof=1) + eps)


def standardize__no_eps(x, eps=1e-8):
    return (x - x.mean(axis=0)) / x.std(axis=0)


def _standardize_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, d = int(rng.integers(3, 60 if hidden else 20)), int(rng.integers(2, 8))
        x = rng.normal(rng.uniform(-5, 5, d), rng.uniform(0.5, 3, d), (n, d))
        cases.append(Case("random features", {"x": x}))
    x = rng.standard_normal((6, 3))
    x[:, 1] = 7.0
    cases.append(Case("a constant feature", {"x": x}))
    cases.append(Case("given eps", {"x": rng.standard_normal((5, 4)), "eps": 1e-3}))
    cases.append(Case("zeros", {"x": np.zeros((4, 3))}))
    cases.append(Case("large magnitudes", {"x": 1e6 + rng.standard_normal((8, 3)) * 1e3}))
    cases.append(Case("batch of 1", {"x": rng.standard_normal((1, 4))}))
    cases.append(Case("non-contiguous input",
                      {"x": np.asfortranarray(rng.standard_normal((7, 5)))}))
    cases.append(Case("features of very different magnitudes", {"x": rows_of_magnitudes(rng, 6).T}))
    if hidden:
        cases.append(Case("large", {"x": rng.standard_normal((4000, 30)) * 3 + 1}))
    return cases


STANDARDIZE = Exercise(
    id="ch1.standardize", name="standardize", reference=standardize,
    make_cases=_standardize_cases, points=2, rtol=1e-5, atol=1e-6,
    summary="per-feature zero mean and unit variance over the batch axis",
    mistakes=[
        Mistake("statistics per row",
                "You took the mean and variance of each row (axis=1): each sample was "
                "standardized on its own. A feature's statistics come from all the samples: "
                "reduce over axis 0.", standardize__statistics_per_row),
        Mistake("sample standard deviation",
                "You divided by the sample variance (ddof=1, divide by N - 1). The "
                "standardization of this exercise (as batch normalization) uses the "
                "population variance: np.var's default, divide by N.",
                standardize__sample_standard_deviation),
        Mistake("no eps",
                "A constant feature has variance 0, and 0 / 0 is nan. Divide by "
                "np.sqrt(var + eps), as the formula says.", standardize__no_eps),
    ])
