"""Chapter 5, loss functions: exercise specs.

Every exercise is graded against its ``course.ops.losses`` function, with the same name and
signature. A forward returns ``(loss, cache)``; the check compares the loss only
(``call=_loss_only``), so the student's cache may be anything. A backward takes
``(dloss, cache)``; its check builds the cache with the reference forward (``course.ops``),
so a student stuck on a forward can still do its backward, and the cache's layout is the
one documented in ``course.ops.losses``.

Every mutant is a self-contained numpy function with the exercise's signature. The edge
cases (probabilities of exactly 0 and 1, logits of 1e4) are built so that the unstable
mistakes fail differently from one another (inf on one case, nan or a finite value on
another), and each is diagnosed under its own name."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops import losses as L

RTOL = 1e-4  # float32 aware: sums of a few hundred float32 terms differ in the 6th digit
ATOL = 1e-6


# --------------------------------------------------------------------------------------
# helpers for cases and calls (not mutants)


def _loss_only(obj, args):
    """Call a ``*_forward`` and keep the loss (the cache is the student's own business)."""
    out = obj(**args)
    if not isinstance(out, tuple) or len(out) != 2:
        raise TypeError(f"should return a pair (loss, cache), got {type(out).__name__}")
    return out[0]


def _weights(rng, n, dtype):
    """Sample weights that do not sum to ``n`` (so that 1/N and 1/sum(w) differ)."""
    w = rng.uniform(0.2, 3.0, n)
    if n > 2:
        w[rng.integers(n)] = 0.0  # a sample that does not count
    return w.astype(dtype)


def _shape(rng, hidden, k_low=2, k_high=6):
    n = int(rng.integers(2, 60 if hidden else 9))
    k = int(rng.integers(k_low, k_high + 1))
    return n, k


# ======================================================================================
# 1. mean_squared_error_forward


def _mse_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 3):
        n, k = _shape(rng, hidden)
        cases.append(Case("random shapes", {"y_true": rng.standard_normal((n, k)),
                                            "y_pred": rng.standard_normal((n, k)),
                                            "sample_weight": None}))
    for _ in range(4 if hidden else 2):
        n, k = _shape(rng, hidden)
        cases.append(Case("with sample_weight", {"y_true": rng.standard_normal((n, k)),
                                                 "y_pred": rng.standard_normal((n, k)),
                                                 "sample_weight": _weights(rng, n, np.float64)}))
    n, k = _shape(rng, hidden)
    f32 = np.float32
    cases.append(Case("float32", {"y_true": rng.standard_normal((n, k)).astype(f32),
                                  "y_pred": rng.standard_normal((n, k)).astype(f32),
                                  "sample_weight": _weights(rng, n, f32)}))
    y = rng.standard_normal((4, 3))
    cases.append(Case("perfect prediction (loss 0)", {"y_true": y, "y_pred": y.copy(),
                                                      "sample_weight": None}))
    cases.append(Case("one output per sample (K = 1)", {
        "y_true": rng.standard_normal((5, 1)), "y_pred": rng.standard_normal((5, 1)),
        "sample_weight": None}))
    cases.append(Case("batch of 1", {"y_true": rng.standard_normal((1, 4)),
                                     "y_pred": rng.standard_normal((1, 4)),
                                     "sample_weight": None}))
    cases.append(Case("large magnitudes", {"y_true": 1e3 * rng.standard_normal((3, 4)),
                                           "y_pred": 1e3 * rng.standard_normal((3, 4)),
                                           "sample_weight": None}))
    if hidden:
        n = 500
        cases.append(Case("large batch", {"y_true": rng.standard_normal((n, 10)),
                                          "y_pred": rng.standard_normal((n, 10)),
                                          "sample_weight": _weights(rng, n, np.float64)}))
    return cases


def mse_sum_over_outputs(y_true, y_pred, sample_weight=None):
    per_sample = ((y_pred - y_true) ** 2).sum(axis=-1)
    w = np.ones(len(per_sample)) if sample_weight is None else sample_weight
    return (per_sample * w).sum() / len(per_sample), None


def mse_ignores_sample_weight(y_true, y_pred, sample_weight=None):
    return ((y_pred - y_true) ** 2).mean(), None


def mse_divides_by_weight_sum(y_true, y_pred, sample_weight=None):
    per_sample = ((y_pred - y_true) ** 2).mean(axis=-1)
    w = np.ones(len(per_sample)) if sample_weight is None else sample_weight
    return (per_sample * w).sum() / w.sum(), None


MSE_FORWARD = Exercise(
    id="ch5.mean_squared_error_forward", name="mean_squared_error_forward",
    reference=L.mean_squared_error_forward, make_cases=_mse_cases, call=_loss_only,
    rtol=RTOL, atol=ATOL, points=1,
    summary="mean squared error with sample weights, Keras's sum_over_batch_size reduction",
    mistakes=[
        Mistake("sum over the outputs", "Each sample's loss is the MEAN of the squared errors "
                "over the last axis (np.mean(..., axis=-1)), not their sum.",
                mse_sum_over_outputs),
        Mistake("ignored sample_weight", "Multiply each sample's loss by its weight "
                "sample_weight[i] before reducing over the batch.", mse_ignores_sample_weight),
        Mistake("divided by the sum of the weights", "Keras divides the weighted sum by the "
                "number of samples N, not by sum(sample_weight).", mse_divides_by_weight_sum),
    ])


# ======================================================================================
# 2. mean_squared_error_backward


def _call_mse_backward(obj, args):
    _, cache = L.mean_squared_error_forward(args["y_true"], args["y_pred"],
                                            args["sample_weight"])
    return obj(args["dloss"], cache)


def _mse_backward_cases(rng, hidden):
    cases = []
    for c in _mse_cases(rng, hidden):
        if c.group == "perfect prediction (loss 0)":
            continue
        c.args["dloss"] = float(rng.uniform(0.5, 2.0)) if c.group != "batch of 1" else 1.0
        cases.append(c)
    return cases


def mse_backward_missing_two(dloss, cache):
    diff, w = cache
    n, k = diff.shape
    return dloss * w[:, None] * diff / (n * k)


def mse_backward_missing_one_over_k(dloss, cache):
    diff, w = cache
    n = diff.shape[0]
    return dloss * w[:, None] * 2 * diff / n


def mse_backward_sign_flipped(dloss, cache):
    diff, w = cache
    n, k = diff.shape
    return -dloss * w[:, None] * 2 * diff / (n * k)


def mse_backward_ignores_weight(dloss, cache):
    diff, w = cache
    n, k = diff.shape
    return dloss * 2 * diff / (n * k)


MSE_BACKWARD = Exercise(
    id="ch5.mean_squared_error_backward", name="mean_squared_error_backward",
    reference=L.mean_squared_error_backward, make_cases=_mse_backward_cases,
    call=_call_mse_backward, rtol=RTOL, atol=ATOL, points=2,
    summary="gradient of the mean squared error with respect to y_pred",
    mistakes=[
        Mistake("missing factor 2", "The derivative of d**2 is 2*d: the gradient is "
                "2 * (y_pred - y_true) * w / (N * K).", mse_backward_missing_two),
        Mistake("missing 1/K", "The loss averages over the K outputs of each sample, so "
                "every element of the gradient also carries 1/K (divide by N * K).",
                mse_backward_missing_one_over_k),
        Mistake("sign flipped", "Differentiate with respect to y_pred: d/dy_pred of "
                "(y_pred - y_true)**2 is +2 * (y_pred - y_true).", mse_backward_sign_flipped),
        Mistake("ignored sample_weight", "Sample i's loss was multiplied by w[i], so its "
                "gradient is too: multiply row i by w[i] (w is in the cache).",
                mse_backward_ignores_weight),
    ])


# ======================================================================================
# 3. binary_crossentropy_forward (on probabilities)


def _bce_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, k = _shape(rng, hidden, 1, 4)
        cases.append(Case("random probabilities", {
            "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
            "y_pred": rng.uniform(0.02, 0.98, (n, k)), "sample_weight": None}))
    n, k = _shape(rng, hidden, 2, 4)
    cases.append(Case("soft labels", {"y_true": rng.uniform(0, 1, (n, k)),
                                      "y_pred": rng.uniform(0.02, 0.98, (n, k)),
                                      "sample_weight": None}))
    for _ in range(3 if hidden else 1):
        n, k = _shape(rng, hidden, 1, 3)
        cases.append(Case("with sample_weight", {
            "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
            "y_pred": rng.uniform(0.02, 0.98, (n, k)),
            "sample_weight": _weights(rng, n, np.float64)}))
    n, k = _shape(rng, hidden, 1, 3)
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
                                          "sample_weight": _weights(rng, n, f32)}))
    return cases


def bce_no_clipping(y_true, y_pred, sample_weight=None):
    with np.errstate(divide="ignore", invalid="ignore"):
        per = -(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def bce_clip_other_epsilon(y_true, y_pred, sample_weight=None):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    per = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def bce_sum_over_outputs(y_true, y_pred, sample_weight=None):
    p = np.clip(y_pred, 1e-7, 1 - 1e-7)
    per = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).sum(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def bce_labels_swapped(y_true, y_pred, sample_weight=None):
    p = np.clip(y_pred, 1e-7, 1 - 1e-7)
    per = -((1 - y_true) * np.log(p) + y_true * np.log(1 - p)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


BCE_FORWARD = Exercise(
    id="ch5.binary_crossentropy_forward", name="binary_crossentropy_forward",
    reference=L.binary_crossentropy_forward, make_cases=_bce_cases, call=_loss_only,
    rtol=RTOL, atol=ATOL, points=2,
    summary="binary cross-entropy on probabilities, clipped as Keras does",
    mistakes=[
        Mistake("no clipping", "A probability of exactly 0 or 1 on the wrong side gives "
                "log(0) = -inf. Clip y_pred to [EPSILON, 1 - EPSILON] (EPSILON = 1e-7) first.",
                bce_no_clipping),
        Mistake("clipped with another epsilon", "Keras clips to [1e-7, 1 - 1e-7] "
                "(keras.backend.epsilon()); a smaller epsilon such as 1e-15 changes the loss "
                "of a confidently wrong prediction.", bce_clip_other_epsilon),
        Mistake("sum over the outputs", "Average over the last axis (np.mean(..., axis=-1)), "
                "do not sum.", bce_sum_over_outputs),
        Mistake("y and 1 - y swapped", "log(p) goes with y_true and log(1 - p) with "
                "1 - y_true: -(y log p + (1 - y) log(1 - p)).", bce_labels_swapped),
    ])


# ======================================================================================
# 4. binary_crossentropy_from_logits_forward


def _bce_logits_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, k = _shape(rng, hidden, 1, 4)
        cases.append(Case("random logits", {
            "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
            "logits": 3 * rng.standard_normal((n, k)), "sample_weight": None}))
    n, k = _shape(rng, hidden, 2, 4)
    cases.append(Case("soft labels", {"y_true": rng.uniform(0, 1, (n, k)),
                                      "logits": 3 * rng.standard_normal((n, k)),
                                      "sample_weight": None}))
    n, k = _shape(rng, hidden, 1, 3)
    cases.append(Case("with sample_weight", {
        "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
        "logits": 3 * rng.standard_normal((n, k)),
        "sample_weight": _weights(rng, n, np.float64)}))
    n, k = _shape(rng, hidden, 1, 3)
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
                                          "sample_weight": _weights(rng, n, f32)}))
    return cases


def bce_logits_log_of_sigmoid(y_true, logits, sample_weight=None):
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        p = 1 / (1 + np.exp(-logits))
        per = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def bce_logits_sigmoid_then_clip(y_true, logits, sample_weight=None):
    with np.errstate(over="ignore"):
        p = np.clip(1 / (1 + np.exp(-logits)), 1e-7, 1 - 1e-7)
    per = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def bce_logits_softplus_overflow(y_true, logits, sample_weight=None):
    with np.errstate(over="ignore"):
        per = (logits - logits * y_true + np.log(1 + np.exp(-logits))).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def bce_logits_sum_over_outputs(y_true, logits, sample_weight=None):
    per = (np.maximum(logits, 0) - logits * y_true
           + np.log1p(np.exp(-np.abs(logits)))).sum(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


BCE_LOGITS_FORWARD = Exercise(
    id="ch5.binary_crossentropy_from_logits_forward",
    name="binary_crossentropy_from_logits_forward",
    reference=L.binary_crossentropy_from_logits_forward, make_cases=_bce_logits_cases,
    call=_loss_only, rtol=RTOL, atol=ATOL, points=2,
    summary="binary cross-entropy on logits, exact for logits of any size",
    mistakes=[
        Mistake("log of sigmoid (unstable)", "sigmoid(1e4) is exactly 1.0 in floating point, "
                "so log(1 - p) = log(0). Never form p: use max(x, 0) - x*y + "
                "log1p(exp(-|x|)).", bce_logits_log_of_sigmoid),
        Mistake("sigmoid, then clipped", "Clipping p to [1e-7, 1 - 1e-7] keeps the loss finite "
                "but caps it near 16: a logit of 1e4 on the wrong side must cost about 1e4. "
                "Work on the logits: max(x, 0) - x*y + log1p(exp(-|x|)).",
                bce_logits_sigmoid_then_clip),
        Mistake("log(1 + exp(-x)) overflows", "For x = -1e4, exp(-x) overflows to inf. "
                "Write the softplus as max(x, 0) + log1p(exp(-|x|)), which never exponentiates "
                "a positive number.", bce_logits_softplus_overflow),
        Mistake("sum over the outputs", "Average over the last axis (np.mean(..., axis=-1)), "
                "do not sum.", bce_logits_sum_over_outputs),
    ])


# ======================================================================================
# 5. binary_crossentropy_from_logits_backward


def _call_bce_logits_backward(obj, args):
    _, cache = L.binary_crossentropy_from_logits_forward(args["y_true"], args["logits"],
                                                         args["sample_weight"])
    return obj(args["dloss"], cache)


def _bce_logits_backward_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, k = _shape(rng, hidden, 2, 4)
        cases.append(Case("random logits", {
            "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
            "logits": 3 * rng.standard_normal((n, k)), "sample_weight": None, "dloss": 1.0}))
    n, k = _shape(rng, hidden, 2, 4)
    cases.append(Case("soft labels", {"y_true": rng.uniform(0, 1, (n, k)),
                                      "logits": 3 * rng.standard_normal((n, k)),
                                      "sample_weight": None, "dloss": 1.0}))
    for _ in range(3 if hidden else 1):
        n, k = _shape(rng, hidden, 2, 3)
        cases.append(Case("with sample_weight", {
            "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
            "logits": 3 * rng.standard_normal((n, k)),
            "sample_weight": _weights(rng, n, np.float64), "dloss": 1.0}))
    n, k = _shape(rng, hidden, 2, 3)
    cases.append(Case("upstream gradient dloss != 1", {
        "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
        "logits": 3 * rng.standard_normal((n, k)), "sample_weight": None,
        "dloss": float(rng.uniform(2.0, 5.0))}))
    n, k = _shape(rng, hidden, 2, 3)
    f32 = np.float32
    cases.append(Case("float32", {"y_true": rng.integers(0, 2, (n, k)).astype(f32),
                                  "logits": (3 * rng.standard_normal((n, k))).astype(f32),
                                  "sample_weight": None, "dloss": 1.0}))
    logits = (1e4 + rng.uniform(0, 100, (4, 2))) * np.array([[1.0], [-1.0], [1.0], [-1.0]])
    cases.append(Case("logits of +-1e4", {
        "y_true": np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]), "logits": logits,
        "sample_weight": None, "dloss": 1.0}))
    cases.append(Case("batch of 1, one output", {"y_true": np.array([[1.0]]),
                                                 "logits": np.array([[-0.7]]),
                                                 "sample_weight": None, "dloss": 1.0}))
    if hidden:
        n = 400
        cases.append(Case("large batch", {"y_true": rng.integers(0, 2, (n, 3)).astype(f32),
                                          "logits": (10 * rng.standard_normal((n, 3))).astype(f32),
                                          "sample_weight": _weights(rng, n, f32), "dloss": 0.5}))
    return cases


def bce_logits_backward_missing_one_over_k(dloss, cache):
    y_true, logits, w = cache
    e = np.exp(-np.abs(logits))
    sig = np.where(logits >= 0, 1 / (1 + e), e / (1 + e))
    return dloss * w[:, None] * (sig - y_true) / logits.shape[0]


def bce_logits_backward_sign_flipped(dloss, cache):
    y_true, logits, w = cache
    n, k = logits.shape
    e = np.exp(-np.abs(logits))
    sig = np.where(logits >= 0, 1 / (1 + e), e / (1 + e))
    return dloss * w[:, None] * (y_true - sig) / (n * k)


def bce_logits_backward_ignores_weight(dloss, cache):
    y_true, logits, w = cache
    n, k = logits.shape
    e = np.exp(-np.abs(logits))
    sig = np.where(logits >= 0, 1 / (1 + e), e / (1 + e))
    return dloss * (sig - y_true) / (n * k)


def bce_logits_backward_wrt_probability(dloss, cache):
    y_true, logits, w = cache
    n, k = logits.shape
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        p = 1 / (1 + np.exp(-logits))
        return dloss * w[:, None] * (p - y_true) / (p * (1 - p)) / (n * k)


def bce_logits_backward_unstable_sigmoid(dloss, cache):
    y_true, logits, w = cache
    n, k = logits.shape
    with np.errstate(over="ignore", invalid="ignore"):
        sig = np.exp(logits) / (1 + np.exp(logits))
    return dloss * w[:, None] * (sig - y_true) / (n * k)


BCE_LOGITS_BACKWARD = Exercise(
    id="ch5.binary_crossentropy_from_logits_backward",
    name="binary_crossentropy_from_logits_backward",
    reference=L.binary_crossentropy_from_logits_backward,
    make_cases=_bce_logits_backward_cases, call=_call_bce_logits_backward,
    rtol=RTOL, atol=ATOL, points=2,
    summary="dlogits = dloss * w * (sigmoid(x) - y) / (N K), with a stable sigmoid",
    mistakes=[
        Mistake("missing 1/K", "The loss averages over the K outputs of each sample, so every "
                "element of the gradient carries 1/(N K), not just 1/N.",
                bce_logits_backward_missing_one_over_k),
        Mistake("sign flipped", "d/dx of the loss is sigmoid(x) - y (predicted minus true), "
                "not y - sigmoid(x).", bce_logits_backward_sign_flipped),
        Mistake("ignored sample_weight", "Row i of the gradient is multiplied by w[i] "
                "(w is the last item of the cache).", bce_logits_backward_ignores_weight),
        Mistake("gradient with respect to the probability", "(p - y) / (p (1 - p)) is dL/dp. "
                "The chain rule through p = sigmoid(x) multiplies it by p (1 - p): "
                "dL/dx = sigmoid(x) - y.", bce_logits_backward_wrt_probability),
        Mistake("exp(x) / (1 + exp(x)) overflows", "For x = 1e4, exp(x) is inf and inf / inf "
                "is nan. Compute the sigmoid from exp(-|x|), which never overflows.",
                bce_logits_backward_unstable_sigmoid),
    ])


# ======================================================================================
# 6. categorical_crossentropy_forward (on probabilities)


def _softmax_rows(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _one_hot(rng, n, k, dtype=np.float64):
    y = np.zeros((n, k), dtype)
    y[np.arange(n), rng.integers(0, k, n)] = 1
    return y


def _cce_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, k = _shape(rng, hidden, 2, 8)
        cases.append(Case("softmax outputs, one-hot targets", {
            "y_true": _one_hot(rng, n, k), "y_pred": _softmax_rows(rng.standard_normal((n, k))),
            "sample_weight": None}))
    n, k = _shape(rng, hidden, 2, 6)
    cases.append(Case("soft targets", {"y_true": rng.dirichlet(np.ones(k), n),
                                       "y_pred": _softmax_rows(rng.standard_normal((n, k))),
                                       "sample_weight": None}))
    for _ in range(3 if hidden else 1):
        n, k = _shape(rng, hidden, 2, 6)
        cases.append(Case("rows that do not sum to 1", {
            "y_true": _one_hot(rng, n, k), "y_pred": rng.uniform(0.1, 2.0, (n, k)),
            "sample_weight": None}))
    n, k = _shape(rng, hidden, 2, 6)
    cases.append(Case("with sample_weight", {
        "y_true": _one_hot(rng, n, k), "y_pred": _softmax_rows(rng.standard_normal((n, k))),
        "sample_weight": _weights(rng, n, np.float64)}))
    n, k = _shape(rng, hidden, 2, 6)
    f32 = np.float32
    cases.append(Case("float32", {"y_true": _one_hot(rng, n, k, f32),
                                  "y_pred": _softmax_rows(rng.standard_normal((n, k))).astype(f32),
                                  "sample_weight": None}))
    # probability exactly 0 for the true class (the others positive): -log(0)
    y = _one_hot(rng, 3, 4)
    p = rng.uniform(0.1, 1.0, (3, 4))
    p[y == 1] = 0.0
    p /= p.sum(axis=-1, keepdims=True)
    cases.append(Case("probability 0 for the true class", {"y_true": y, "y_pred": p,
                                                           "sample_weight": None}))
    y = _one_hot(rng, 3, 4)
    cases.append(Case("probability exactly 1 for the true class", {
        "y_true": y, "y_pred": y.copy(), "sample_weight": None}))
    cases.append(Case("batch of 1", {"y_true": np.array([[0.0, 1.0, 0.0]]),
                                     "y_pred": np.array([[0.2, 0.7, 0.1]]),
                                     "sample_weight": np.array([2.0])}))
    if hidden:
        n, k = 300, 10
        cases.append(Case("large batch", {
            "y_true": _one_hot(rng, n, k, f32),
            "y_pred": _softmax_rows(3 * rng.standard_normal((n, k))).astype(f32),
            "sample_weight": _weights(rng, n, f32)}))
    return cases


def cce_no_renormalisation(y_true, y_pred, sample_weight=None):
    c = np.clip(y_pred, 1e-7, 1 - 1e-7)
    per = -(y_true * np.log(c)).sum(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def cce_no_clipping(y_true, y_pred, sample_weight=None):
    q = y_pred / y_pred.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        per = -(y_true * np.log(q)).sum(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def cce_mean_over_classes(y_true, y_pred, sample_weight=None):
    q = np.clip(y_pred / y_pred.sum(axis=-1, keepdims=True), 1e-7, 1 - 1e-7)
    per = -(y_true * np.log(q)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def cce_ignores_sample_weight(y_true, y_pred, sample_weight=None):
    q = np.clip(y_pred / y_pred.sum(axis=-1, keepdims=True), 1e-7, 1 - 1e-7)
    return -(y_true * np.log(q)).sum(axis=-1).mean(), None


CCE_FORWARD = Exercise(
    id="ch5.categorical_crossentropy_forward", name="categorical_crossentropy_forward",
    reference=L.categorical_crossentropy_forward, make_cases=_cce_cases, call=_loss_only,
    rtol=RTOL, atol=ATOL, points=2,
    summary="categorical cross-entropy on probabilities: renormalise, clip, sum",
    mistakes=[
        Mistake("no renormalisation", "Keras first divides y_pred by its sum over the last "
                "axis, so that each row is a distribution, then clips.",
                cce_no_renormalisation),
        Mistake("no clipping", "A probability of 0 for the true class gives -log(0) = inf. "
                "Clip the probabilities to [1e-7, 1 - 1e-7] after renormalising.",
                cce_no_clipping),
        Mistake("mean over the classes", "Categorical cross-entropy SUMS -y log q over the "
                "classes (it is not averaged over K).", cce_mean_over_classes),
        Mistake("ignored sample_weight", "Multiply each sample's loss by sample_weight[i] "
                "before summing, then divide by N.", cce_ignores_sample_weight),
    ])


# ======================================================================================
# 7. categorical_crossentropy_backward (through the clip and the renormalisation)


def _call_cce_backward(obj, args):
    _, cache = L.categorical_crossentropy_forward(args["y_true"], args["y_pred"],
                                                  args["sample_weight"])
    return obj(args["dloss"], cache)


def _cce_backward_cases(rng, hidden):
    cases = []
    for c in _cce_cases(rng, hidden):
        c.args["dloss"] = 1.0
        cases.append(c)
    n, k = _shape(rng, hidden, 2, 6)
    cases.insert(3, Case("upstream gradient dloss != 1", {
        "y_true": _one_hot(rng, n, k), "y_pred": rng.uniform(0.1, 2.0, (n, k)),
        "sample_weight": None, "dloss": float(rng.uniform(2.0, 5.0))}))
    return cases


def cce_backward_ignores_clip(dloss, cache):
    y_true, q, c, s, inside, w = cache
    n = q.shape[0]
    dq = -y_true / c * (w[:, None] * dloss / n)
    return (dq - (dq * q).sum(axis=-1, keepdims=True)) / s


def cce_backward_ignores_renormalisation(dloss, cache):
    y_true, q, c, s, inside, w = cache
    n = q.shape[0]
    return np.where(inside, -y_true / c, 0) * (w[:, None] * dloss / n)


def cce_backward_missing_one_over_n(dloss, cache):
    y_true, q, c, s, inside, w = cache
    dq = np.where(inside, -y_true / c, 0) * (w[:, None] * dloss)
    return (dq - (dq * q).sum(axis=-1, keepdims=True)) / s


def cce_backward_sign_flipped(dloss, cache):
    y_true, q, c, s, inside, w = cache
    n = q.shape[0]
    dq = np.where(inside, y_true / c, 0) * (w[:, None] * dloss / n)
    return (dq - (dq * q).sum(axis=-1, keepdims=True)) / s


def cce_backward_ignores_weight(dloss, cache):
    y_true, q, c, s, inside, w = cache
    n = q.shape[0]
    dq = np.where(inside, -y_true / c, 0) * (dloss / n)
    return (dq - (dq * q).sum(axis=-1, keepdims=True)) / s


CCE_BACKWARD = Exercise(
    id="ch5.categorical_crossentropy_backward", name="categorical_crossentropy_backward",
    reference=L.categorical_crossentropy_backward, make_cases=_cce_backward_cases,
    call=_call_cce_backward, rtol=RTOL, atol=ATOL, points=3,
    summary="the chain rule through the clip and the renormalisation of the probabilities",
    mistakes=[
        Mistake("gradient through the clip", "Where the clip was active (inside is False) the "
                "loss does not change with y_pred: the gradient there is 0.",
                cce_backward_ignores_clip),
        Mistake("ignored the renormalisation", "q = p / s depends on every p of its row: "
                "dL/dp = (dq - sum(dq * q, axis=-1)) / s, with dq = dL/dq.",
                cce_backward_ignores_renormalisation),
        Mistake("missing 1/N", "The loss is a mean over the N samples, so the gradient carries "
                "1/N.", cce_backward_missing_one_over_n),
        Mistake("sign flipped", "d/dc of -y log c is -y / c.", cce_backward_sign_flipped),
        Mistake("ignored sample_weight", "Row i of the gradient is multiplied by w[i] (the last "
                "item of the cache).", cce_backward_ignores_weight),
    ])


# ======================================================================================
# 8. sparse_categorical_crossentropy_from_logits_forward


def _sparse_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, k = _shape(rng, hidden, 2, 10)
        cases.append(Case("random logits", {"y_true": rng.integers(0, k, n),
                                            "logits": 3 * rng.standard_normal((n, k)),
                                            "sample_weight": None}))
    for _ in range(3 if hidden else 1):
        n, k = _shape(rng, hidden, 2, 6)
        cases.append(Case("with sample_weight", {
            "y_true": rng.integers(0, k, n), "logits": 3 * rng.standard_normal((n, k)),
            "sample_weight": _weights(rng, n, np.float64)}))
    n, k = _shape(rng, hidden, 2, 6)
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
    if hidden:
        n, k = 300, 10
        cases.append(Case("large batch", {
            "y_true": rng.integers(0, k, n),
            "logits": (20 * rng.standard_normal((n, k))).astype(np.float32),
            "sample_weight": _weights(rng, n, np.float32)}))
    return cases


def sparse_log_of_shifted_softmax(y_true, logits, sample_weight=None):
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    p = e / e.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore"):
        per = -np.log(p[np.arange(len(y_true)), y_true])
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def sparse_naive_softmax(y_true, logits, sample_weight=None):
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        e = np.exp(logits)
        p = e / e.sum(axis=-1, keepdims=True)
        per = -np.log(p[np.arange(len(y_true)), y_true])
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def sparse_forgot_normaliser(y_true, logits, sample_weight=None):
    per = -logits[np.arange(len(y_true)), y_true]
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def sparse_mean_over_classes(y_true, logits, sample_weight=None):
    m = logits.max(axis=-1, keepdims=True)
    log_p = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    per = -log_p[np.arange(len(y_true)), y_true] / logits.shape[-1]
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def sparse_divides_by_weight_sum(y_true, logits, sample_weight=None):
    m = logits.max(axis=-1, keepdims=True)
    log_p = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    per = -log_p[np.arange(len(y_true)), y_true]
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / w.sum(), None


SPARSE_FORWARD = Exercise(
    id="ch5.sparse_categorical_crossentropy_from_logits_forward",
    name="sparse_categorical_crossentropy_from_logits_forward",
    reference=L.sparse_categorical_crossentropy_from_logits_forward, make_cases=_sparse_cases,
    call=_loss_only, rtol=RTOL, atol=ATOL, points=2,
    summary="cross-entropy of integer labels against logits, through log-softmax",
    mistakes=[
        Mistake("log of softmax (underflow)", "Shifting by the maximum avoids overflow, but "
                "exp(-1e4) still underflows to 0 and log(0) = -inf. Use log-softmax directly: "
                "log p[y] = x[y] - logsumexp(x).", sparse_log_of_shifted_softmax),
        Mistake("softmax without the shift (overflow)", "exp(800) overflows to inf. Compute "
                "log p[y] = x[y] - m - log(sum(exp(x - m))) with m the row maximum.",
                sparse_naive_softmax),
        Mistake("forgot the normaliser", "log softmax(x)[y] is x[y] - logsumexp(x), not x[y].",
                sparse_forgot_normaliser),
        Mistake("averaged over the classes too", "Pick one term per sample, -log p[i, y_i], "
                "and divide the (weighted) sum by N only, not by N * K.",
                sparse_mean_over_classes),
        Mistake("divided by the sum of the weights", "Keras divides the weighted sum by the "
                "number of samples N, not by sum(sample_weight).", sparse_divides_by_weight_sum),
    ])


EXERCISES = [MSE_FORWARD, MSE_BACKWARD, BCE_FORWARD, BCE_LOGITS_FORWARD, BCE_LOGITS_BACKWARD,
             CCE_FORWARD, CCE_BACKWARD, SPARSE_FORWARD]
