"""ch5.binary_crossentropy_from_logits_backward: dlogits = dloss * w * (sigmoid(x) - y) / (N
K), with a stable sigmoid."""

import numpy as np

from course.checks.calls import backward_reading_cache
from course.checks.chapters.ch5_losses.shared import ATOL, RTOL, batch_and_classes, sample_weights
from course.checks.spec import Case, Exercise, Mistake
from course.ops import losses as L


def _call_bce_logits_backward(obj, args):
    _, cache = L.binary_crossentropy_from_logits_forward(args["y_true"], args["logits"],
                                                         args["sample_weight"])
    return backward_reading_cache(obj, "binary_crossentropy_from_logits_backward",
                                  args["dloss"], cache)


def _bce_logits_backward_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, k = batch_and_classes(rng, hidden, 2, 4)
        cases.append(Case("random logits", {
            "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
            "logits": 3 * rng.standard_normal((n, k)), "sample_weight": None, "dloss": 1.0}))
    n, k = batch_and_classes(rng, hidden, 2, 4)
    cases.append(Case("soft labels", {"y_true": rng.uniform(0, 1, (n, k)),
                                      "logits": 3 * rng.standard_normal((n, k)),
                                      "sample_weight": None, "dloss": 1.0}))
    for _ in range(3 if hidden else 1):
        n, k = batch_and_classes(rng, hidden, 2, 3)
        cases.append(Case("with sample_weight", {
            "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
            "logits": 3 * rng.standard_normal((n, k)),
            "sample_weight": sample_weights(rng, n, np.float64), "dloss": 1.0}))
    n, k = batch_and_classes(rng, hidden, 2, 3)
    cases.append(Case("upstream gradient dloss != 1", {
        "y_true": rng.integers(0, 2, (n, k)).astype(np.float64),
        "logits": 3 * rng.standard_normal((n, k)), "sample_weight": None,
        "dloss": float(rng.uniform(2.0, 5.0))}))
    n, k = batch_and_classes(rng, hidden, 2, 3)
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
                                          "sample_weight": sample_weights(rng, n, f32), "dloss": 0.5}))
    return cases


def binary_crossentropy_from_logits_backward__missing_1_k(dloss, cache):
    y_true, logits, w = cache
    e = np.exp(-np.abs(logits))
    sig = np.where(logits >= 0, 1 / (1 + e), e / (1 + e))
    return dloss * w[:, None] * (sig - y_true) / logits.shape[0]


def binary_crossentropy_from_logits_backward__sign_flipped(dloss, cache):
    y_true, logits, w = cache
    n, k = logits.shape
    e = np.exp(-np.abs(logits))
    sig = np.where(logits >= 0, 1 / (1 + e), e / (1 + e))
    return dloss * w[:, None] * (y_true - sig) / (n * k)


def binary_crossentropy_from_logits_backward__ignored_sample_weight(dloss, cache):
    y_true, logits, w = cache
    n, k = logits.shape
    e = np.exp(-np.abs(logits))
    sig = np.where(logits >= 0, 1 / (1 + e), e / (1 + e))
    return dloss * (sig - y_true) / (n * k)


def binary_crossentropy_from_logits_backward__gradient_with_respect_to_the_probability(
        dloss, cache):
    y_true, logits, w = cache
    n, k = logits.shape
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        p = 1 / (1 + np.exp(-logits))
        return dloss * w[:, None] * (p - y_true) / (p * (1 - p)) / (n * k)


def binary_crossentropy_from_logits_backward__exp_x_1_exp_x_overflows(dloss, cache):
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
                binary_crossentropy_from_logits_backward__missing_1_k),
        Mistake("sign flipped", "d/dx of the loss is sigmoid(x) - y (predicted minus true), "
                "not y - sigmoid(x).", binary_crossentropy_from_logits_backward__sign_flipped),
        Mistake("ignored sample_weight", "Row i of the gradient is multiplied by w[i] "
                "(w is the last item of the cache).",
                binary_crossentropy_from_logits_backward__ignored_sample_weight),
        Mistake("gradient with respect to the probability", "(p - y) / (p (1 - p)) is dL/dp. "
                "The chain rule through p = sigmoid(x) multiplies it by p (1 - p): "
                "dL/dx = sigmoid(x) - y.",
                binary_crossentropy_from_logits_backward__gradient_with_respect_to_the_probability),
        Mistake("exp(x) / (1 + exp(x)) overflows", "For x = 1e4, exp(x) is inf and inf / inf "
                "is nan. Compute the sigmoid from exp(-|x|), which never overflows.",
                binary_crossentropy_from_logits_backward__exp_x_1_exp_x_overflows),
    ])
