"""ch6.minibatch_sgd: full-batch, minibatch and stochastic gradient descent on least squares."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops.least_squares import minibatch_sgd


def _regression(rng, n, d):
    X = rng.standard_normal((n, d))
    y = X @ rng.standard_normal(d) + 0.1 * rng.standard_normal(n)
    return X, y


def _minibatch_cases(rng, hidden):
    cases = []

    def add(group, n, d, batch_size, epochs, lr=None):
        X, y = _regression(rng, n, d)
        lr = float(rng.uniform(0.01, 0.05)) if lr is None else lr
        cases.append(Case(group, {"X": X, "y": y, "w0": rng.standard_normal(d),
                                  "learning_rate": lr, "batch_size": batch_size,
                                  "epochs": epochs}))

    for _ in range(3 if hidden else 1):
        n = int(rng.integers(4, 30 if hidden else 12))
        add("full batch", n, int(rng.integers(1, 4)), n, int(rng.integers(1, 4)))
    for _ in range(4 if hidden else 2):
        b = int(rng.integers(2, 5))
        n = b * int(rng.integers(2, 6)) + int(rng.integers(1, b))  # a smaller last batch
        add("minibatches, smaller last batch", n, int(rng.integers(1, 4)), b, 2)
    add("minibatches dividing N", 8, 2, 2, 2)
    add("stochastic (batch of 1)", int(rng.integers(3, 7)), 2, 1, 2)
    add("batch larger than the data", 5, 3, 8, 2)
    add("zero learning rate", 7, 2, 3, 1, lr=0.0)
    add("one sample, one feature", 1, 1, 1, 3)
    if hidden:
        add("more data", 300, 5, 32, 3, lr=0.01)
    return cases


def minibatch_sgd__summed_over_the_batch(X, y, w0, learning_rate, batch_size, epochs):
    w = w0.copy()
    path = [w.copy()]
    for _ in range(epochs):
        for start in range(0, X.shape[0], batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            w = w - learning_rate * 2 * xb.T @ (xb @ w - yb)
            path.append(w.copy())
    return np.array(path)


def minibatch_sgd__divided_by_n(X, y, w0, learning_rate, batch_size, epochs):
    w = w0.copy()
    path = [w.copy()]
    for _ in range(epochs):
        for start in range(0, X.shape[0], batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            w = w - learning_rate * 2 * xb.T @ (xb @ w - yb) / X.shape[0]
            path.append(w.copy())
    return np.array(path)


def minibatch_sgd__divided_by_batch_size_in_the_last_batch(X, y, w0, learning_rate, batch_size,
                                                           epochs):
    w = w0.copy()
    path = [w.copy()]
    for _ in range(epochs):
        for start in range(0, X.shape[0], batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            w = w - learning_rate * 2 * xb.T @ (xb @ w - yb) / batch_size
            path.append(w.copy())
    return np.array(path)


def minibatch_sgd__dropped_the_last_batch(X, y, w0, learning_rate, batch_size, epochs):
    w = w0.copy()
    path = [w.copy()]
    for _ in range(epochs):
        for i in range(X.shape[0] // batch_size):
            xb = X[i * batch_size:(i + 1) * batch_size]
            yb = y[i * batch_size:(i + 1) * batch_size]
            w = w - learning_rate * 2 * xb.T @ (xb @ w - yb) / len(yb)
            path.append(w.copy())
    return np.array(path)


def minibatch_sgd__missing_factor_2(X, y, w0, learning_rate, batch_size, epochs):
    w = w0.copy()
    path = [w.copy()]
    for _ in range(epochs):
        for start in range(0, X.shape[0], batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            w = w - learning_rate * xb.T @ (xb @ w - yb) / len(yb)
            path.append(w.copy())
    return np.array(path)


MINIBATCH_SGD = Exercise(
    id="ch6.minibatch_sgd", name="minibatch_sgd", reference=minibatch_sgd,
    make_cases=_minibatch_cases, rtol=1e-6, atol=1e-9, points=3,
    summary="full-batch, minibatch and stochastic gradient descent on least squares",
    mistakes=[
        Mistake("summed over the batch", "The loss is the MEAN over the batch, so the gradient "
                "is divided by the batch's size B: (2 / B) X_b^T (X_b w - y_b).",
                minibatch_sgd__summed_over_the_batch),
        Mistake("divided by N", "Each step averages over its own batch: divide by the number "
                "of rows in the batch, not by the size of the whole data set.",
                minibatch_sgd__divided_by_n),
        Mistake("divided by batch_size in the last batch", "The last batch may hold fewer than "
                "batch_size rows: divide by len(y_b), the rows it really has.",
                minibatch_sgd__divided_by_batch_size_in_the_last_batch),
        Mistake("dropped the last batch", "Keep the smaller last batch (range(0, N, batch_size) "
                "with slices [start:start + batch_size]): every sample counts in every epoch.",
                minibatch_sgd__dropped_the_last_batch),
        Mistake("missing factor 2", "d/dw of (x.w - y)**2 is 2 (x.w - y) x.",
                minibatch_sgd__missing_factor_2),
    ])
