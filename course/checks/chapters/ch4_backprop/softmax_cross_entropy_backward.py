"""ch4.softmax_cross_entropy_backward: dlogits = dloss * w * (softmax(z) - y) / N."""

import numpy as np

from course import ops
from course.checks.calls import backward_reading_cache
from course.checks.cases import randn, rows_of_magnitudes
from course.checks.spec import Case, Exercise, Mistake


def _sce_args(rng, n, k, kind="sparse", weighted=False, scale=3.0, dloss=1.0):
    labels = rng.integers(0, k, size=n)
    if kind == "sparse":
        y = labels
    elif kind == "one-hot":
        y = np.eye(k)[labels]
    else:  # label smoothing: soft targets that still sum to 1
        y = np.eye(k)[labels] * 0.9 + 0.1 / k
    return {"y_true": y, "logits": randn(rng, n, k, scale=scale),
            "sample_weight": rng.uniform(0.1, 2.0, size=n) if weighted else None,
            "dloss": float(dloss)}


def _sce_backward_cases(rng, hidden):
    cases = []
    big = 40 if hidden else 8
    for _ in range(4 if hidden else 2):
        n, k = (int(v) for v in rng.integers(2, big, size=2))
        cases.append(Case("integer labels", _sce_args(rng, n, k)))
    n, k = (int(v) for v in rng.integers(2, big, size=2))
    cases.append(Case("one-hot targets", _sce_args(rng, n, k, kind="one-hot")))
    cases.append(Case("soft targets (label smoothing)", _sce_args(rng, 4, 5, kind="soft")))
    cases.append(Case("sample weights", _sce_args(rng, 5, 3, weighted=True)))
    cases.append(Case("upstream gradient dloss != 1", _sce_args(rng, 4, 3, dloss=2.5)))
    cases.append(Case("batch of 1", _sce_args(rng, 1, 4)))
    args = _sce_args(rng, 3, 3)
    args["logits"] = np.array([[1e4, 0.0, -1e4], [1e4, 1e4, -1e4], [-1e4, 1e4, 0.0]])
    args["y_true"] = np.array([0, 1, 2])
    cases.append(Case("huge logits (1e4)", args))
    args = _sce_args(rng, 3, 4)
    args["logits"] = args["logits"].astype(np.float32)
    cases.append(Case("float32", args))
    args = _sce_args(rng, 3, 4)
    args["logits"] = rows_of_magnitudes(rng, 4)
    cases.append(Case("rows of very different magnitudes", args))
    if hidden:
        cases.append(Case("integer labels", _sce_args(rng, 256, 10, scale=5)))
        cases.append(Case("sample weights", _sce_args(rng, 64, 10, kind="one-hot", weighted=True,
                                                      dloss=0.5)))
        cases.append(Case("huge logits (1e4)", _sce_args(rng, 16, 5, scale=1e4)))
    return cases


def _call_sce_backward(obj, args):
    _, cache = ops.softmax_cross_entropy_forward(args["y_true"], args["logits"],
                                                 sample_weight=args["sample_weight"])
    return backward_reading_cache(obj, "softmax_cross_entropy_backward", args["dloss"], cache)


def softmax_cross_entropy_backward__missing_1_n(dloss, cache):
    probs, y, weights, sparse = cache
    n, k = probs.shape
    t = np.eye(k)[y] if sparse else y
    return dloss * weights[:, None] * (probs - t)


def softmax_cross_entropy_backward__ignored_dloss(dloss, cache):
    probs, y, weights, sparse = cache
    n, k = probs.shape
    t = np.eye(k)[y] if sparse else y
    return weights[:, None] * (probs - t) / n


def softmax_cross_entropy_backward__ignored_the_sample_weights(dloss, cache):
    probs, y, weights, sparse = cache
    n, k = probs.shape
    t = np.eye(k)[y] if sparse else y
    return dloss * (probs - t) / n


def softmax_cross_entropy_backward__subtracted_the_label_instead_of_a_one_hot(dloss, cache):
    probs, y, weights, sparse = cache
    n, k = probs.shape
    t = y[:, None] if sparse else y
    return dloss * weights[:, None] * (probs - t) / n


def softmax_cross_entropy_backward__forgot_the_softmax_term(dloss, cache):
    probs, y, weights, sparse = cache
    n, k = probs.shape
    t = np.eye(k)[y] if sparse else y
    return dloss * weights[:, None] * (-t) / n


SOFTMAX_CROSS_ENTROPY_BACKWARD = Exercise(
    id="ch4.softmax_cross_entropy_backward", name="softmax_cross_entropy_backward",
    reference=ops.softmax_cross_entropy_backward, make_cases=_sce_backward_cases,
    call=_call_sce_backward, output_names=("dlogits",), rtol=1e-5, atol=1e-8, points=2,
    mistakes=[
        Mistake("missing 1/N",
                "The loss is a mean over the N samples, so every sample's gradient carries a "
                "factor 1/N: dlogits = dloss * w_i * (p - y) / N.",
                softmax_cross_entropy_backward__missing_1_n),
        Mistake("ignored dloss",
                "Multiply by the upstream gradient dloss (it is 1 only when the loss is the "
                "end of the graph).",
                softmax_cross_entropy_backward__ignored_dloss),
        Mistake("ignored the sample weights",
                "Each row is scaled by its sample weight: multiply by weights[:, None] (the "
                "cache holds ones when no weights were given).",
                softmax_cross_entropy_backward__ignored_the_sample_weights),
        Mistake("subtracted the label instead of a one-hot",
                "Sparse labels are class indices: subtract 1 only at the true class of each "
                "row (p[i, y[i]] -= 1), not the label's value from every column.",
                softmax_cross_entropy_backward__subtracted_the_label_instead_of_a_one_hot),
        Mistake("forgot the softmax term",
                "The gradient of -log softmax(z)_y is p - y: the probabilities from the cache "
                "minus the one-hot target, not -y alone.",
                softmax_cross_entropy_backward__forgot_the_softmax_term),
    ],
    summary="dlogits = dloss * w * (softmax(z) - y) / N")
