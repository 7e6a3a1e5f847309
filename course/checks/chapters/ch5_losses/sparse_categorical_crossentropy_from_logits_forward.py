"""ch5.sparse_categorical_crossentropy_from_logits_forward: cross-entropy of integer labels
against logits, through log-softmax."""

import numpy as np

from course.checks.cases import rows_of_magnitudes
from course.checks.chapters.ch5_losses.shared import (ATOL, RTOL, batch_and_classes, loss_only,
                                                      sample_weights)
from course.checks.spec import Case, Exercise, Mistake
from course.ops import losses as L


def _sparse_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, k = batch_and_classes(rng, hidden, 2, 10)
        cases.append(Case("random logits", {"y_true": rng.integers(0, k, n),
                                            "logits": 3 * rng.standard_normal((n, k)),
                                            "sample_weight": None}))
    for _ in range(3 if hidden else 1):
        n, k = batch_and_classes(rng, hidden, 2, 6)
        cases.append(Case("with sample_weight", {
            "y_true": rng.integers(0, k, n), "logits": 3 * rng.standard_normal((n, k)),
            "sample_weight": sample_weights(rng, n, np.float64)}))
    n, k = batch_and_classes(rng, hidden, 2, 6)
    cases.append(Case("float32", {"y_true": rng.integers(0, k, n),
                                  "logits": (3 * rng.standard_normal((n, k))).astype(np.float32),
                                  "sample_weight": None}))
    # a logit of 1e4: on a wrong class the true class's probability underflows to 0
    # (log of softmax gives inf); on the true class exp() overflows (naive softmax gives nan)
    n, k = 4, 5
    labels = rng.integers(0, k, n)
    logits = rng.standard_normal((n, k))
    logits[np.arange(n), (labels + 1) % k] = 1e4
    logits[n - 1, labels[n - 1]] = 1e4 + 1.0
    cases.append(Case("logits of 1e4", {"y_true": labels, "logits": logits,
                                        "sample_weight": None}))
    # large gaps that overflow exp() but not exp(x - max)
    n, k = 3, 4
    labels = rng.integers(0, k, n)
    logits = rng.uniform(0, 5, (n, k))
    logits[np.arange(n), labels] = 700.0
    logits[np.arange(n), (labels + 1) % k] = 800.0
    cases.append(Case("logits of 700 and 800", {"y_true": labels, "logits": logits,
                                                "sample_weight": None}))
    cases.append(Case("zero logits (log K)", {"y_true": np.array([2, 0]),
                                              "logits": np.zeros((2, 5)),
                                              "sample_weight": None}))
    cases.append(Case("batch of 1", {"y_true": np.array([1]),
                                     "logits": np.array([[0.5, -1.0, 2.0]]),
                                     "sample_weight": np.array([2.0])}))
    cases.append(Case("rows of very different magnitudes", {"y_true": rng.integers(0, 5, size=3),
                                 "logits": rows_of_magnitudes(rng, 5), "sample_weight": None}))
    if hidden:
        n, k = 300, 10
        cases.append(Case("large batch", {
            "y_true": rng.integers(0, k, n),
            "logits": (20 * rng.standard_normal((n, k))).astype(np.float32),
            "sample_weight": sample_weights(rng, n, np.float32)}))
    return cases


def sparse_categorical_crossentropy_from_logits_forward__log_of_softmax_underflow(
        y_true, logits, sample_weight=None):
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    p = e / e.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore"):
        per = -np.log(p[np.arange(len(y_true)), y_true])
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def sparse_categorical_crossentropy_from_logits_forward__softmax_without_the_shift_overflow(
        y_true, logits, sample_weight=None):
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        e = np.exp(logits)
        p = e / e.sum(axis=-1, keepdims=True)
        per = -np.log(p[np.arange(len(y_true)), y_true])
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def sparse_categorical_crossentropy_from_logits_forward__forgot_the_normaliser(
        y_true, logits, sample_weight=None):
    per = -logits[np.arange(len(y_true)), y_true]
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def sparse_categorical_crossentropy_from_logits_forward__averaged_over_the_classes_too(
        y_true, logits, sample_weight=None):
    m = logits.max(axis=-1, keepdims=True)
    log_p = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    per = -log_p[np.arange(len(y_true)), y_true] / logits.shape[-1]
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def sparse_categorical_crossentropy_from_logits_forward__divided_by_the_sum_of_the_weights(
        y_true, logits, sample_weight=None):
    m = logits.max(axis=-1, keepdims=True)
    log_p = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    per = -log_p[np.arange(len(y_true)), y_true]
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / w.sum(), None


SPARSE_FORWARD = Exercise(
    id="ch5.sparse_categorical_crossentropy_from_logits_forward",
    name="sparse_categorical_crossentropy_from_logits_forward",
    reference=L.sparse_categorical_crossentropy_from_logits_forward, make_cases=_sparse_cases,
    call=loss_only, rtol=RTOL, atol=ATOL, points=2,
    summary="cross-entropy of integer labels against logits, through log-softmax",
    mistakes=[
        Mistake("log of softmax (underflow)", "Shifting by the maximum avoids overflow, but "
                "exp(-1e4) still underflows to 0 and log(0) = -inf. Use log-softmax directly: "
                "log p[y] = x[y] - logsumexp(x).",
                sparse_categorical_crossentropy_from_logits_forward__log_of_softmax_underflow),
        Mistake("softmax without the shift (overflow)", "exp(800) overflows to inf. Compute "
                "log p[y] = x[y] - m - log(sum(exp(x - m))) with m the row maximum.",
                sparse_categorical_crossentropy_from_logits_forward__softmax_without_the_shift_overflow),
        Mistake("forgot the normaliser", "log softmax(x)[y] is x[y] - logsumexp(x), not x[y].",
                sparse_categorical_crossentropy_from_logits_forward__forgot_the_normaliser),
        Mistake("averaged over the classes too", "Pick one term per sample, -log p[i, y_i], "
                "and divide the (weighted) sum by N only, not by N * K.",
                sparse_categorical_crossentropy_from_logits_forward__averaged_over_the_classes_too),
        Mistake("divided by the sum of the weights", "Keras divides the weighted sum by the "
                "number of samples N, not by sum(sample_weight).",
                sparse_categorical_crossentropy_from_logits_forward__divided_by_the_sum_of_the_weights),
    ])
