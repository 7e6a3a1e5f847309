"""ch1.gather_scores: pick scores[n, labels[n]] for every row n, by integer-array indexing."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops.indexing import gather_scores


def gather_scores__every_row_s_labels(scores, labels):
    return scores[:, labels]


def gather_scores__rows_picked_by_label(scores, labels):
    return scores[labels]


def gather_scores__np_take_without_an_axis(scores, labels):
    return np.take(scores, labels)


def _gather_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, k = int(rng.integers(3, 30 if hidden else 10)), int(rng.integers(3, 10))
        cases.append(Case("random scores",
                          {"scores": rng.standard_normal((n, k)), "labels": rng.integers(0, k, n)}))
    cases.append(Case("as many samples as classes",
                      {"scores": rng.standard_normal((4, 4)), "labels": rng.integers(0, 4, 4)}))
    cases.append(Case("batch of 1", {"scores": rng.standard_normal((1, 5)),
                                     "labels": np.array([3])}))
    cases.append(Case("large magnitudes", {"scores": rng.standard_normal((5, 3)) * 1e6,
                                           "labels": rng.integers(0, 3, 5)}))
    if hidden:
        cases.append(Case("large", {"scores": rng.standard_normal((3000, 50)),
                                    "labels": rng.integers(0, 50, 3000)}))
    return cases


GATHER_SCORES = Exercise(
    id="ch1.gather_scores", name="gather_scores", reference=gather_scores,
    make_cases=_gather_cases, points=1,
    summary="pick scores[n, labels[n]] for every row n, by integer-array indexing",
    mistakes=[
        Mistake("every row's labels",
                "scores[:, labels] takes, for every row, the columns of all the labels: an "
                "(N, N) matrix. Pair the row indices with the labels: "
                "scores[np.arange(N), labels].", gather_scores__every_row_s_labels),
        Mistake("rows picked by label",
                "scores[labels] picks whole rows (the labels are used as row numbers). "
                "Index both axes at once, with two integer arrays.",
                gather_scores__rows_picked_by_label),
        Mistake("np.take without an axis",
                "np.take(scores, labels) indexes the flattened array, so it reads from the "
                "first row only. Use scores[np.arange(N), labels] (or np.take_along_axis).",
                gather_scores__np_take_without_an_axis),
    ])
