"""ch1.bilinear_scores: x[n] @ A @ y[n] for every n, by einsum (no N x N matrix)."""

import numpy as np

from course.checks.cases import dims
from course.checks.spec import Case, Exercise, Mistake
from course.ops.bilinear import bilinear_scores


def bilinear_scores__all_pairs(x, A, y):
    return x @ A @ y.T


def bilinear_scores__a_transposed(x, A, y):
    return np.einsum("nd,ed,ne->n", x, A, y)


def bilinear_scores__summed_over_the_batch(x, A, y):
    return np.einsum("nd,de,ne->", x, A, y)


def _bilinear_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, d, e = dims(rng, 2, 8, 3)
        while n in (d, e) or d == e:
            n, d, e = dims(rng, 2, 8, 3)
        cases.append(Case("random shapes", {"x": rng.standard_normal((n, d)),
                                            "A": rng.standard_normal((d, e)),
                                            "y": rng.standard_normal((n, e))}))
    cases.append(Case("square A", {"x": rng.standard_normal((5, 3)),
                                   "A": rng.standard_normal((3, 3)),
                                   "y": rng.standard_normal((5, 3))}))
    cases.append(Case("batch of 1", {"x": rng.standard_normal((1, 4)),
                                     "A": rng.standard_normal((4, 2)),
                                     "y": rng.standard_normal((1, 2))}))
    cases.append(Case("zero A", {"x": rng.standard_normal((3, 2)), "A": np.zeros((2, 4)),
                                 "y": rng.standard_normal((3, 4))}))
    cases.append(Case("identity A (dot products)", {"x": rng.standard_normal((6, 4)),
                                                     "A": np.eye(4),
                                                     "y": rng.standard_normal((6, 4))}))
    cases.append(Case("non-contiguous input", {
        "x": np.asfortranarray(rng.standard_normal((4, 3))),
        "A": np.asfortranarray(rng.standard_normal((3, 5))),
        "y": rng.standard_normal((4, 5))}))
    if hidden:
        cases.append(Case("large", {"x": rng.standard_normal((2000, 64)),
                                    "A": rng.standard_normal((64, 32)),
                                    "y": rng.standard_normal((2000, 32))}))
    return cases


BILINEAR_SCORES = Exercise(
    id="ch1.bilinear_scores", name="bilinear_scores", reference=bilinear_scores,
    make_cases=_bilinear_cases, points=2, rtol=1e-6, atol=1e-8,
    summary="x[n] @ A @ y[n] for every n, by einsum (no N x N matrix)",
    mistakes=[
        Mistake("all pairs",
                "x @ A @ y.T scores every x[n] against every y[m]: an (N, N) matrix whose "
                "diagonal is the answer. Pair row n with row n: "
                "np.einsum('nd,de,ne->n', x, A, y), or ((x @ A) * y).sum(axis=1).",
                bilinear_scores__all_pairs),
        Mistake("A transposed",
                "You used A's axes the other way round (A[e, d]): x's index d goes with A's "
                "first axis, y's index e with its second.", bilinear_scores__a_transposed),
        Mistake("summed over the batch",
                "Your einsum (or sum) also summed over n: the output subscripts must keep "
                "n ('...->n').", bilinear_scores__summed_over_the_batch),
    ])
