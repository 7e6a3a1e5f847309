"""Gradient descent on least squares: the trajectory of a linear model's weights, full-batch,
minibatch or stochastic."""

import numpy as np


def minibatch_sgd(X: np.ndarray, y: np.ndarray, w0: np.ndarray, learning_rate: float,
                  batch_size: int, epochs: int) -> np.ndarray:
    """Minibatch gradient descent on the mean squared error of a linear model ``X @ w``.

    Every epoch walks through the data in order, in batches of ``batch_size`` rows (the
    last one may be smaller); each batch ``(X_b, y_b)`` of ``B`` rows takes one step
    ``w <- w - learning_rate * (2 / B) X_b^T (X_b w - y_b)``.

    Shapes: ``X`` ``(N, D)``, ``y`` ``(N,)``, ``w0`` ``(D,)``. Returns the trajectory
    ``(steps + 1, D)``: ``w0`` then ``w`` after every step. ``w0`` is left unchanged.
    """
    w = np.array(w0, dtype=np.result_type(w0, X), copy=True)
    path = [w.copy()]
    n = X.shape[0]
    for _ in range(epochs):
        for start in range(0, n, batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            grad = 2 * xb.T @ (xb @ w - yb) / len(yb)
            w = w - learning_rate * grad
            path.append(w.copy())
    return np.array(path)
