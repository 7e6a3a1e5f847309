"""ch5.binary_crossentropy_forward: binary cross-entropy on probabilities, clipped as Keras does."""

import numpy as np

from course.checks.chapters.ch5_losses.shared import (ATOL, RTOL, batch_and_classes, loss_only,
                                                      sample_weights)
from course.checks.spec import Case, Exercise, Mistake
from course.ops import losses as L


def _bce_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, k = batch_and_classes(rng, hidden, 1, 4)
        cases.append(Case("random probabilities", {
            "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
            "y_pred": rng.uniform(0.02, 0.98, (n, k)), "sample_weight": None}))
    n, k = batch_and_classes(rng, hidden, 2, 4)
    cases.append(Case("soft labels", {"y_true": rng.uniform(0, 1, (n, k)),
                                      "y_pred": rng.uniform(0.02, 0.98, (n, k)),
                                      "sample_weight": None}))
    for _ in range(3 if hidden else 1):
        n, k = batch_and_classes(rng, hidden, 1, 3)
        cases.append(Case("with sample_weight", {
            "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
            "y_pred": rng.uniform(0.02, 0.98, (n, k)),
            "sample_weight": sample_weights(rng, n, np.float64)}))
    n, k = batch_and_classes(rng, hidden, 1, 3)
    f32 = np.float32
    cases.append(Case("float32", {"y_true": rng.integers(0, 2, (n, k)).astype(f32),
                                  "y_pred": rng.uniform(0.02, 0.98, (n, k)).astype(f32),
                                  "sample_weight": None}))
    # probabilities of exactly 0 and 1 on the wrong side: log(0) without clipping
    y = rng.integers(0, 2, (4, 2)).astype(np.float64)
    p = rng.uniform(0.1, 0.9, (4, 2))
    p[0, :] = 1 - y[0, :]
    p[2, 1] = 1 - y[2, 1]
    cases.append(Case("probabilities of exactly 0 and 1 (confidently wrong)",
                      {"y_true": y, "y_pred": p, "sample_weight": None}))
    y = rng.integers(0, 2, (3, 2)).astype(np.float64)
    cases.append(Case("probabilities of exactly 0 and 1 (confidently right)",
                      {"y_true": y, "y_pred": y.copy(), "sample_weight": None}))
    cases.append(Case("batch of 1", {"y_true": np.array([[1.0]]), "y_pred": np.array([[0.3]]),
                                     "sample_weight": None}))
    if hidden:
        n = 400
        cases.append(Case("large batch", {"y_true": rng.integers(0, 2, (n, 3)).astype(f32),
                                          "y_pred": rng.uniform(0, 1, (n, 3)).astype(f32),
                                          "sample_weight": sample_weights(rng, n, f32)}))
    return cases


def binary_crossentropy_forward__no_clipping(y_true, y_pred, sample_weight=None):
    with np.errstate(divide="ignore", invalid="ignore"):
        per = -(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def binary_crossentropy_forward__clipped_with_another_epsilon(y_true, y_pred, sample_weight=None):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    per = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def binary_crossentropy_forward__sum_over_the_outputs(y_true, y_pred, sample_weight=None):
    p = np.clip(y_pred, 1e-7, 1 - 1e-7)
    per = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).sum(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def binary_crossentropy_forward__y_and_1_y_swapped(y_true, y_pred, sample_weight=None):
    p = np.clip(y_pred, 1e-7, 1 - 1e-7)
    per = -((1 - y_true) * np.log(p) + y_true * np.log(1 - p)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


BCE_FORWARD = Exercise(
    id="ch5.binary_crossentropy_forward", name="binary_crossentropy_forward",
    reference=L.binary_crossentropy_forward, make_cases=_bce_cases, call=loss_only,
    rtol=RTOL, atol=ATOL, points=2,
    summary="binary cross-entropy on probabilities, clipped as Keras does",
    mistakes=[
        Mistake("no clipping", "A probability of exactly 0 or 1 on the wrong side gives "
                "log(0) = -inf. Clip y_pred to [EPSILON, 1 - EPSILON] (EPSILON = 1e-7) first.",
                binary_crossentropy_forward__no_clipping),
        Mistake("clipped with another epsilon", "Keras clips to [1e-7, 1 - 1e-7] "
                "(keras.backend.epsilon()); a smaller epsilon such as 1e-15 changes the loss "
                "of a confidently wrong prediction.",
                binary_crossentropy_forward__clipped_with_another_epsilon),
        Mistake("sum over the outputs", "Average over the last axis (np.mean(..., axis=-1)), "
                "do not sum.", binary_crossentropy_forward__sum_over_the_outputs),
        Mistake("y and 1 - y swapped", "log(p) goes with y_true and log(1 - p) with "
                "1 - y_true: -(y log p + (1 - y) log(1 - p)).",
                binary_crossentropy_forward__y_and_1_y_swapped),
    ])
