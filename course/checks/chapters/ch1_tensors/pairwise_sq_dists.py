"""ch1.pairwise_sq_dists: all squared Euclidean distances between two sets of points."""

import numpy as np

from course.checks.cases import dims
from course.checks.spec import Case, Exercise, Mistake
from course.ops.distances import pairwise_sq_dists


def pairwise_sq_dists__distances_not_squared_distances(a, b):
    diff = a[:, None, :] - b[None, :, :]
    return np.sqrt((diff * diff).sum(axis=-1))


def pairwise_sq_dists__transposed(a, b):
    diff = a[None, :, :] - b[:, None, :]
    return (diff * diff).sum(axis=-1)


def pairwise_sq_dists__missing_factor_2_in_the_expansion(a, b):
    return (a * a).sum(axis=1)[:, None] + (b * b).sum(axis=1)[None, :] - a @ b.T


def pairwise_sq_dists__summed_over_the_wrong_axis(a, b):
    diff = a[:, None, :] - b[None, :, :]
    return (diff * diff).sum(axis=1)


def _pairwise_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, m, d = dims(rng, 2, 12 if hidden else 7, 3)
        while n == m or m == d:
            m = int(rng.integers(2, 13))
        cases.append(Case("random points", {"a": rng.standard_normal((n, d)),
                                            "b": rng.standard_normal((m, d))}))
    cases.append(Case("as many points in a and b", {"a": rng.standard_normal((4, 3)),
                                                    "b": rng.standard_normal((4, 3))}))
    a = rng.standard_normal((5, 2))
    cases.append(Case("distances of a set to itself", {"a": a, "b": a.copy()}))
    cases.append(Case("points at the origin", {"a": np.zeros((2, 3)),
                                               "b": rng.standard_normal((3, 3))}))
    cases.append(Case("one point", {"a": rng.standard_normal((1, 3)),
                                    "b": rng.standard_normal((6, 3))}))
    cases.append(Case("one dimension", {"a": rng.standard_normal((3, 1)),
                                        "b": rng.standard_normal((5, 1))}))
    cases.append(Case("far from the origin", {"a": 300 + rng.standard_normal((4, 3)),
                                              "b": 300 + rng.standard_normal((2, 3))}))
    if hidden:
        cases.append(Case("large", {"a": rng.standard_normal((400, 32)),
                                    "b": rng.standard_normal((300, 32))}))
    return cases


PAIRWISE_SQ_DISTS = Exercise(
    id="ch1.pairwise_sq_dists", name="pairwise_sq_dists", reference=pairwise_sq_dists,
    make_cases=_pairwise_cases, points=2, rtol=1e-6, atol=1e-6,
    summary="all squared Euclidean distances between two sets of points",
    mistakes=[
        Mistake("distances, not squared distances",
                "You took the square root: these are the distances. The exercise asks for "
                "squared distances (no sqrt).", pairwise_sq_dists__distances_not_squared_distances),
        Mistake("transposed",
                "Your result is indexed [j, i] (b's points along the rows). Put a's points "
                "on axis 0: a[:, None, :] - b[None, :, :].", pairwise_sq_dists__transposed),
        Mistake("missing factor 2 in the expansion",
                "||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b: the cross term has a factor 2.",
                pairwise_sq_dists__missing_factor_2_in_the_expansion),
        Mistake("summed over the wrong axis",
                "The coordinates are on the last axis of the (N, M, D) differences: sum over "
                "axis=-1, not over one of the point axes.",
                pairwise_sq_dists__summed_over_the_wrong_axis),
    ])
