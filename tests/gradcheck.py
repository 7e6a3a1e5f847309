"""Central-difference gradients, the yardstick for every backward in the course."""

import numpy as np

from course.ops.gradient_check import numerical_gradient_array


def numerical_gradient(f, x, dout=None, eps=1e-6):
    """``d sum(f(x) * dout) / dx`` by central differences, in float64
    (:func:`course.ops.gradient_check.numerical_gradient_array`, ``dout`` of ones by default).

    ``f`` maps an array to an array (or a scalar); ``x`` is perturbed in place and restored.
    """
    x = np.asarray(x)
    dout = np.ones_like(np.asarray(f(x)), dtype=np.float64) if dout is None else dout
    return numerical_gradient_array(f, x, dout, h=eps)


def numerical_grad(loss, a, eps=1e-6):
    """Central differences of the scalar ``loss()`` with respect to ``a`` (changed in place)."""
    return numerical_gradient_array(lambda _: loss(), a, 1.0, h=eps)


def assert_close(actual, expected, rtol=1e-5, atol=1e-7, what="gradient"):
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape} != {expected.shape}"
    err = np.abs(actual - expected)
    tol = atol + rtol * np.abs(expected)
    if not (err <= tol).all():
        i = np.unravel_index(np.argmax(err - tol), err.shape)
        raise AssertionError(f"{what} differs at {i}: {actual[i]} vs {expected[i]} "
                             f"(max abs error {err.max():.3g})")
