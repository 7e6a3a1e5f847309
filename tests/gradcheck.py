"""Central-difference gradients, the yardstick for every backward in the course."""

import numpy as np


def numerical_gradient(f, x, dout=None, eps=1e-6):
    """``d sum(f(x) * dout) / dx`` by central differences, in float64.

    ``f`` maps an array to an array (or a scalar); ``x`` is perturbed in place and restored.
    """
    x = np.asarray(x)
    grad = np.zeros_like(x, dtype=np.float64)
    out = np.asarray(f(x))
    dout = np.ones_like(out) if dout is None else dout
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + eps
        plus = float((np.asarray(f(x)) * dout).sum())
        x[i] = old - eps
        minus = float((np.asarray(f(x)) * dout).sum())
        x[i] = old
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def assert_close(actual, expected, rtol=1e-5, atol=1e-7, what="gradient"):
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape} != {expected.shape}"
    err = np.abs(actual - expected)
    tol = atol + rtol * np.abs(expected)
    if not (err <= tol).all():
        i = np.unravel_index(np.argmax(err - tol), err.shape)
        raise AssertionError(f"{what} differs at {i}: {actual[i]} vs {expected[i]} "
                             f"(max abs error {err.max():.3g})")
