"""ch1.masked_mean: mean over the unmasked positions of each row (padded sequences)."""

import numpy as np

from course.checks.cases import dims
from course.checks.spec import Case, Exercise, Mistake
from course.ops.reductions import masked_mean


def masked_mean__mask_ignored(x, mask):
    return x.mean(axis=1)


def masked_mean__divided_by_the_full_length(x, mask):
    return np.where(mask, x, 0).sum(axis=1) / x.shape[1]


def masked_mean__reduced_over_the_wrong_axis(x, mask):
    return np.where(mask, x, 0).sum(axis=0) / np.maximum(mask.sum(axis=0), 1)


def _lengths_mask(rng, n, t, allow_empty=False):
    """A padding mask: row i is True on its first ``length[i]`` positions."""
    lengths = rng.integers(0 if allow_empty else 1, t + 1, n)
    return np.arange(t)[None, :] < lengths[:, None]


def _masked_mean_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, t = dims(rng, 2, 9, 2)
        while n == t:
            t = int(rng.integers(2, 10))
        mask = _lengths_mask(rng, n, t)
        x = np.where(mask, rng.standard_normal((n, t)), rng.uniform(-1e6, 1e6, (n, t)))
        cases.append(Case("padded sequences", {"x": x, "mask": mask}))
    mask = _lengths_mask(rng, 4, 4)
    cases.append(Case("as many rows as positions", {"x": rng.standard_normal((4, 4)),
                                                     "mask": mask}))
    mask = rng.random((5, 6)) < 0.5
    mask[2] = False
    cases.append(Case("a row with nothing to average",
                      {"x": rng.standard_normal((5, 6)), "mask": mask}))
    cases.append(Case("nothing masked", {"x": rng.standard_normal((3, 5)),
                                         "mask": np.ones((3, 5), dtype=bool)}))
    cases.append(Case("one sequence", {"x": rng.standard_normal((1, 7)),
                                       "mask": _lengths_mask(rng, 1, 7)}))
    if hidden:
        mask = rng.random((2000, 80)) < 0.7
        cases.append(Case("large", {"x": rng.standard_normal((2000, 80)), "mask": mask}))
    return cases


MASKED_MEAN = Exercise(
    id="ch1.masked_mean", name="masked_mean", reference=masked_mean,
    make_cases=_masked_mean_cases, points=2, rtol=1e-6, atol=1e-8,
    summary="mean over the unmasked positions of each row (padded sequences)",
    mistakes=[
        Mistake("mask ignored",
                "You averaged every position, padding included. Sum only where the mask is "
                "True (np.where(mask, x, 0), or x * mask) and divide by the number of True "
                "positions of the row.", masked_mean__mask_ignored),
        Mistake("divided by the full length",
                "You divided by the length T of the rows; divide each row by the number of "
                "its True positions: mask.sum(axis=1).", masked_mean__divided_by_the_full_length),
        Mistake("reduced over the wrong axis",
                "You reduced over axis 0 (across the batch). Each sequence is a row: "
                "reduce over axis=1.", masked_mean__reduced_over_the_wrong_axis),
    ])
