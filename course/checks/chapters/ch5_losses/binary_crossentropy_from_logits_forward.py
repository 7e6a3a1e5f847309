"""ch5.binary_crossentropy_from_logits_forward: binary cross-entropy on logits, exact for
logits of any size."""

import numpy as np

from course.checks.chapters.ch5_losses.shared import (ATOL, RTOL, batch_and_classes, loss_only,
                                                      sample_weights)
from course.checks.spec import Case, Exercise, Mistake
from course.ops import losses as L


def _bce_logits_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, k = batch_and_classes(rng, hidden, 1, 4)
        cases.append(Case("random logits", {
            "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
            "logits": 3 * rng.standard_normal((n, k)), "sample_weight": None}))
    n, k = batch_and_classes(rng, hidden, 2, 4)
    cases.append(Case("soft labels", {"y_true": rng.uniform(0, 1, (n, k)),
                                      "logits": 3 * rng.standard_normal((n, k)),
                                      "sample_weight": None}))
    n, k = batch_and_classes(rng, hidden, 1, 3)
    cases.append(Case("with sample_weight", {
        "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
        "logits": 3 * rng.standard_normal((n, k)),
        "sample_weight": sample_weights(rng, n, np.float64)}))
    n, k = batch_and_classes(rng, hidden, 1, 3)
    f32 = np.float32
    cases.append(Case("float32", {"y_true": rng.integers(0, 2, (n, k)).astype(f32),
                                  "logits": (2 * rng.standard_normal((n, k))).astype(f32),
                                  "sample_weight": None}))
    # logits of +-1e4. Each case is built so that the unstable forms fail differently:
    # log(sigmoid) gives inf on "+1e4, label 0" and nan where a label agrees with the logit;
    # log(1 + exp(-x)) gives inf wherever x = -1e4.
    big = lambda sign, n, k: sign * (1e4 + rng.uniform(0, 100, (n, k)))
    cases.append(Case("logits of +1e4, label 0", {
        "y_true": np.zeros((3, 2)), "logits": big(1, 3, 2), "sample_weight": None}))
    cases.append(Case("logits of -1e4, labels 1 and 0", {
        "y_true": np.array([[1.0, 1.0], [0.0, 0.0], [1.0, 0.0]]), "logits": big(-1, 3, 2),
        "sample_weight": None}))
    cases.append(Case("logits of -1e4, label 0", {
        "y_true": np.zeros((3, 2)), "logits": big(-1, 3, 2), "sample_weight": None}))
    cases.append(Case("logits of +1e4, label 1", {
        "y_true": np.ones((3, 2)), "logits": big(1, 3, 2), "sample_weight": None}))
    cases.append(Case("zero logits (log 2)", {"y_true": np.array([[0.0, 1.0]]),
                                              "logits": np.zeros((1, 2)),
                                              "sample_weight": None}))
    cases.append(Case("batch of 1", {"y_true": np.array([[1.0]]), "logits": np.array([[-2.5]]),
                                     "sample_weight": np.array([0.5])}))
    if hidden:
        n = 400
        cases.append(Case("large batch", {"y_true": rng.integers(0, 2, (n, 3)).astype(f32),
                                          "logits": (50 * rng.standard_normal((n, 3))).astype(f32),
                                          "sample_weight": sample_weights(rng, n, f32)}))
    return cases


def binary_crossentropy_from_logits_forward__log_of_sigmoid_unstable(
        y_true, logits, sample_weight=None):
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        p = 1 / (1 + np.exp(-logits))
        per = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def binary_crossentropy_from_logits_forward__sigmoid_then_clipped(
        y_true, logits, sample_weight=None):
    with np.errstate(over="ignore"):
        p = np.clip(1 / (1 + np.exp(-logits)), 1e-7, 1 - 1e-7)
    per = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def binary_crossentropy_from_logits_forward__log_1_exp_x_overflows(
        y_true, logits, sample_weight=None):
    with np.errstate(over="ignore"):
        per = (logits - logits * y_true + np.log(1 + np.exp(-logits))).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def binary_crossentropy_from_logits_forward__sum_over_the_outputs(
        y_true, logits, sample_weight=None):
    per = (np.maximum(logits, 0) - logits * y_true
           + np.log1p(np.exp(-np.abs(logits)))).sum(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


BCE_LOGITS_FORWARD = Exercise(
    id="ch5.binary_crossentropy_from_logits_forward",
    name="binary_crossentropy_from_logits_forward",
    reference=L.binary_crossentropy_from_logits_forward, make_cases=_bce_logits_cases,
    call=loss_only, rtol=RTOL, atol=ATOL, points=2,
    summary="binary cross-entropy on logits, exact for logits of any size",
    mistakes=[
        Mistake("log of sigmoid (unstable)", "sigmoid(1e4) is exactly 1.0 in floating point, "
                "so log(1 - p) = log(0). Never form p: use max(x, 0) - x*y + "
                "log1p(exp(-|x|)).",
                binary_crossentropy_from_logits_forward__log_of_sigmoid_unstable),
        Mistake("sigmoid, then clipped", "Clipping p to [1e-7, 1 - 1e-7] keeps the loss finite "
                "but caps it near 16: a logit of 1e4 on the wrong side must cost about 1e4. "
                "Work on the logits: max(x, 0) - x*y + log1p(exp(-|x|)).",
                binary_crossentropy_from_logits_forward__sigmoid_then_clipped),
        Mistake("log(1 + exp(-x)) overflows", "For x = -1e4, exp(-x) overflows to inf. "
                "Write the softplus as max(x, 0) + log1p(exp(-|x|)), which never exponentiates "
                "a positive number.",
                binary_crossentropy_from_logits_forward__log_1_exp_x_overflows),
        Mistake("sum over the outputs", "Average over the last axis (np.mean(..., axis=-1)), "
                "do not sum.", binary_crossentropy_from_logits_forward__sum_over_the_outputs),
    ])
