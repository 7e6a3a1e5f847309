"""ch3.softmax_cross_entropy_forward: mean cross-entropy of softmax(logits), stable, sparse or
one-hot targets."""

import numpy as np

from course import ops
from course.checks.calls import first_of_pair
from course.checks.cases import randn, rows_of_magnitudes
from course.checks.spec import Case, Exercise, Mistake


def _sce_case(rng, n, k, kind="sparse", weighted=False, scale=3.0):
    labels = rng.integers(0, k, size=n)
    y = labels if kind == "sparse" else np.eye(k)[labels]
    return {"y_true": y, "logits": randn(rng, n, k, scale=scale),
            "sample_weight": rng.uniform(0.1, 2.0, size=n) if weighted else None}


def _sce_cases(rng, hidden):
    cases = []
    big = 40 if hidden else 8
    for _ in range(4 if hidden else 2):
        n, k = (int(v) for v in rng.integers(2, big, size=2))
        cases.append(Case("integer labels", _sce_case(rng, n, k)))
    for _ in range(3 if hidden else 1):
        n, k = (int(v) for v in rng.integers(2, big, size=2))
        cases.append(Case("one-hot targets", _sce_case(rng, n, k, kind="one-hot")))
    cases.append(Case("sample weights", _sce_case(rng, 5, 3, weighted=True)))
    cases.append(Case("sample weights", _sce_case(rng, 4, 4, kind="one-hot", weighted=True)))
    cases.append(Case("batch of 1", _sce_case(rng, 1, 4)))
    cases.append(Case("zero logits (loss = log K)", {"y_true": np.array([0, 2, 1]),
                                                     "logits": np.zeros((3, 3)),
                                                     "sample_weight": None}))
    cases.append(Case("huge logits (1e4)", {
        "y_true": np.array([0, 1, 2]),
        "logits": np.array([[1e4, 0.0, -1e4], [1e4, 1e4, -1e4], [-1e4, 1e4, 0.0]]),
        "sample_weight": None}))
    cases.append(Case("logits near 709, where exp still fits but a sum of two does not", {
        "y_true": rng.integers(0, 3, size=2), "logits": 709.5 + rng.uniform(0, 0.2, (2, 3)),
        "sample_weight": None}))
    cases.append(Case("rows of very different magnitudes", {"y_true": rng.integers(0, 4, size=3),
                                 "logits": rows_of_magnitudes(rng, 4), "sample_weight": None}))
    if hidden:
        cases.append(Case("integer labels", _sce_case(rng, 256, 10, scale=5)))
        cases.append(Case("sample weights", _sce_case(rng, 64, 10, weighted=True)))
        cases.append(Case("huge logits (1e4)", _sce_case(rng, 16, 5, scale=1e4)))
    return cases


def _call_sce_forward(obj, args):
    result = obj(args["y_true"], args["logits"], sample_weight=args["sample_weight"])
    return first_of_pair(result, "softmax_cross_entropy_forward", "loss")


def softmax_cross_entropy_forward__unstable_softmax_no_max_shift(
        y_true, logits, sample_weight=None):
    n, k = logits.shape
    y = np.asarray(y_true)
    w = np.ones(n) if sample_weight is None else np.asarray(sample_weight)
    with np.errstate(all="ignore"):
        e = np.exp(logits)
        p = e / e.sum(axis=1, keepdims=True)
        if y.ndim == 1:
            per_sample = -np.log(p[np.arange(n), y])
        else:
            per_sample = -(y * np.log(p)).sum(axis=1)
    return (w * per_sample).sum() / n, None


def softmax_cross_entropy_forward__sum_instead_of_mean(y_true, logits, sample_weight=None):
    n, k = logits.shape
    y = np.asarray(y_true)
    t = np.eye(k)[y] if y.ndim == 1 else y
    w = np.ones(n) if sample_weight is None else np.asarray(sample_weight)
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    per_sample = -(t * log_p).sum(axis=1)
    return (w * per_sample).sum(), None


def softmax_cross_entropy_forward__divided_by_the_sum_of_the_weights(
        y_true, logits, sample_weight=None):
    n, k = logits.shape
    y = np.asarray(y_true)
    t = np.eye(k)[y] if y.ndim == 1 else y
    w = np.ones(n) if sample_weight is None else np.asarray(sample_weight)
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    per_sample = -(t * log_p).sum(axis=1)
    return (w * per_sample).sum() / w.sum(), None


def softmax_cross_entropy_forward__ignored_sample_weight(y_true, logits, sample_weight=None):
    n, k = logits.shape
    y = np.asarray(y_true)
    t = np.eye(k)[y] if y.ndim == 1 else y
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    per_sample = -(t * log_p).sum(axis=1)
    return per_sample.mean(), None


SOFTMAX_CROSS_ENTROPY_FORWARD = Exercise(
    id="ch3.softmax_cross_entropy_forward", name="softmax_cross_entropy_forward",
    reference=ops.softmax_cross_entropy_forward, make_cases=_sce_cases, call=_call_sce_forward,
    output_names=("loss",), rtol=1e-6, atol=1e-9, points=3,
    mistakes=[
        Mistake("unstable softmax (no max shift)",
                "exp(logits) overflows above about 709 and log(0) or inf / inf follow. Work with "
                "log-probabilities: log p = z - log(sum(exp(z))) with z = logits - max(logits) "
                "per row, which never overflows.",
                softmax_cross_entropy_forward__unstable_softmax_no_max_shift),
        Mistake("sum instead of mean",
                "The loss is the mean over the batch: divide the (weighted) sum by N.",
                softmax_cross_entropy_forward__sum_instead_of_mean),
        Mistake("divided by the sum of the weights",
                "As in Keras, the weighted loss is sum(w_i * l_i) / N: divide by the number of "
                "samples, not by the sum of the weights.",
                softmax_cross_entropy_forward__divided_by_the_sum_of_the_weights),
        Mistake("ignored sample_weight",
                "When sample_weight is given, multiply each sample's loss by its weight before "
                "summing (and still divide by N).",
                softmax_cross_entropy_forward__ignored_sample_weight),
    ],
    summary="mean cross-entropy of softmax(logits), stable, sparse or one-hot targets")
