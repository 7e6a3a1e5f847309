"""What several exercises of ch5_losses use: case helpers, call adapters."""

import numpy as np

from course.checks.cases import rows_of_magnitudes
from course.checks.spec import Case


RTOL = 1e-4  # float32 aware: sums of a few hundred float32 terms differ in the 6th digit


ATOL = 1e-6


def loss_only(obj, args):
    """Call a ``*_forward`` and keep the loss (the cache is the student's own business)."""
    out = obj(**args)
    if not isinstance(out, tuple) or len(out) != 2:
        raise TypeError(f"should return a pair (loss, cache), got {type(out).__name__}")
    return out[0]


def sample_weights(rng, n, dtype):
    """Sample weights that do not sum to ``n`` (so that 1/N and 1/sum(w) differ)."""
    w = rng.uniform(0.2, 3.0, n)
    if n > 2:
        w[rng.integers(n)] = 0.0  # a sample that does not count
    return w.astype(dtype)


def batch_and_classes(rng, hidden, k_low=2, k_high=6):
    n = int(rng.integers(2, 60 if hidden else 9))
    k = int(rng.integers(k_low, k_high + 1))
    return n, k


def mse_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 3):
        n, k = batch_and_classes(rng, hidden)
        cases.append(Case("random shapes", {"y_true": rng.standard_normal((n, k)),
                                            "y_pred": rng.standard_normal((n, k)),
                                            "sample_weight": None}))
    for _ in range(4 if hidden else 2):
        n, k = batch_and_classes(rng, hidden)
        cases.append(Case("with sample_weight", {"y_true": rng.standard_normal((n, k)),
                                                 "y_pred": rng.standard_normal((n, k)),
                                                 "sample_weight": sample_weights(rng, n, np.float64)}))
    n, k = batch_and_classes(rng, hidden)
    f32 = np.float32
    cases.append(Case("float32", {"y_true": rng.standard_normal((n, k)).astype(f32),
                                  "y_pred": rng.standard_normal((n, k)).astype(f32),
                                  "sample_weight": sample_weights(rng, n, f32)}))
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
                                          "sample_weight": sample_weights(rng, n, np.float64)}))
    return cases


def softmax_rows(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def one_hot_rows(rng, n, k, dtype=np.float64):
    y = np.zeros((n, k), dtype)
    y[np.arange(n), rng.integers(0, k, n)] = 1
    return y


def cce_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, k = batch_and_classes(rng, hidden, 2, 8)
        cases.append(Case("softmax outputs, one-hot targets", {
            "y_true": one_hot_rows(rng, n, k), "y_pred": softmax_rows(rng.standard_normal((n, k))),
            "sample_weight": None}))
    n, k = batch_and_classes(rng, hidden, 2, 6)
    cases.append(Case("soft targets", {"y_true": rng.dirichlet(np.ones(k), n),
                                       "y_pred": softmax_rows(rng.standard_normal((n, k))),
                                       "sample_weight": None}))
    for _ in range(3 if hidden else 1):
        n, k = batch_and_classes(rng, hidden, 2, 6)
        cases.append(Case("rows that do not sum to 1", {
            "y_true": one_hot_rows(rng, n, k), "y_pred": rng.uniform(0.1, 2.0, (n, k)),
            "sample_weight": None}))
    n, k = batch_and_classes(rng, hidden, 2, 6)
    cases.append(Case("with sample_weight", {
        "y_true": one_hot_rows(rng, n, k), "y_pred": softmax_rows(rng.standard_normal((n, k))),
        "sample_weight": sample_weights(rng, n, np.float64)}))
    n, k = batch_and_classes(rng, hidden, 2, 6)
    f32 = np.float32
    cases.append(Case("float32", {"y_true": one_hot_rows(rng, n, k, f32),
                                  "y_pred": softmax_rows(rng.standard_normal((n, k))).astype(f32),
                                  "sample_weight": None}))
    # probability exactly 0 for the true class (the others positive): -log(0)
    y = one_hot_rows(rng, 3, 4)
    p = rng.uniform(0.1, 1.0, (3, 4))
    p[y == 1] = 0.0
    p /= p.sum(axis=-1, keepdims=True)
    cases.append(Case("probability 0 for the true class", {"y_true": y, "y_pred": p,
                                                           "sample_weight": None}))
    y = one_hot_rows(rng, 3, 4)
    cases.append(Case("probability exactly 1 for the true class", {
        "y_true": y, "y_pred": y.copy(), "sample_weight": None}))
    cases.append(Case("batch of 1", {"y_true": np.array([[0.0, 1.0, 0.0]]),
                                     "y_pred": np.array([[0.2, 0.7, 0.1]]),
                                     "sample_weight": np.array([2.0])}))
    y = one_hot_rows(rng, 3, 4)
    cases.append(Case("rows of very different magnitudes", {
        "y_true": y, "y_pred": np.abs(rows_of_magnitudes(rng, 4)), "sample_weight": None}))
    if hidden:
        n, k = 300, 10
        cases.append(Case("large batch", {
            "y_true": one_hot_rows(rng, n, k, f32),
            "y_pred": softmax_rows(3 * rng.standard_normal((n, k))).astype(f32),
            "sample_weight": sample_weights(rng, n, f32)}))
    return cases
