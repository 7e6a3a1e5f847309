"""Gradient descent with the scalar engine: fit a line ``y = w x + b`` to points."""

from course.autodiff.value import Value


def fit_line(x, y, learning_rate: float, steps: int) -> tuple:
    """Fit ``y = w x + b`` by ``steps`` steps of gradient descent on the mean squared error,
    from ``w = b = 0``. ``x``, ``y``: sequences of numbers of the same length.

    Returns ``(w, b, losses)``: two floats and the loss of each step before its update."""
    w, b = Value(0.0), Value(0.0)
    losses = []
    for _ in range(steps):
        loss = sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) * (1.0 / len(x))
        w.grad = b.grad = 0.0
        loss.backward()
        w.data -= learning_rate * w.grad
        b.data -= learning_rate * b.grad
        losses.append(loss.data)
    return w.data, b.data, losses
