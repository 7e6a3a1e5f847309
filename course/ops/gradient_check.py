"""Gradient checking: central differences, the yardstick of every backward pass, and the
relative error that compares a backward pass with them.

``numerical_gradient`` differentiates a scalar function of an array (Chapter 2);
``numerical_gradient_array`` estimates what a backward pass returns, the gradient of
``sum(f(x) * dout)`` (Chapter 4, and the project's own tests); ``relative_error`` is the
number to look at when the two are compared.
"""

from typing import Callable

import numpy as np


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray,
                       h: float = 1e-05) -> np.ndarray:
    """``df/dx`` for a scalar function ``f`` of an array ``x``, by central differences:
    ``(f(x + h e_i) - f(x - h e_i)) / (2 h)`` for each element ``i``. Same shape as ``x``,
    float64; ``x`` itself is left unchanged."""
    x = np.array(x, dtype=np.float64)  # a float64 copy: the caller's array is never touched
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def numerical_gradient_array(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, dout: np.ndarray,
                             h: float = 1e-05) -> np.ndarray:
    """Central-difference estimate of what a backward pass returns for ``x``.

    A backward pass computes the gradient of ``L(x) = sum(f(x) * dout)`` with ``dout`` held
    fixed. This estimates it one entry of ``x`` at a time::

        grad[i] = sum((f(x + h e_i) - f(x - h e_i)) * dout) / (2 h)

    Args:
        f: a function of one array returning an array of ``dout``'s shape (or a number when
            ``dout`` is 1). It may return a view of its input or a buffer it reuses, so each
            result is copied before ``x`` changes again.
        x: float64 array of any shape, changed in place while this runs, unchanged on return.
        dout: the upstream gradient, of the shape of ``f(x)``.
        h: the step.

    Returns:
        grad: float64 array of ``x``'s shape.
    """
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        out_plus = np.array(f(x), dtype=np.float64)      # a copy: f may reuse its output
        x[i] = old - h
        out_minus = np.array(f(x), dtype=np.float64)
        x[i] = old
        grad[i] = np.sum((out_plus - out_minus) * dout) / (2 * h)
    return grad


def relative_error(a: np.ndarray | float, b: np.ndarray | float) -> float:
    """The largest elementwise relative error between two arrays (or numbers).

    ``max_i |a_i - b_i| / (|a_i| + |b_i|)``, where an element with ``a_i = b_i = 0`` counts
    as 0. Returns a float in ``[0, 1]``: 0 when they agree, 1 when they have opposite signs
    or one of them is 0 and the other is not.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    num = np.abs(a - b)
    den = np.abs(a) + np.abs(b)
    err = np.divide(num, den, out=np.zeros(np.broadcast(a, b).shape), where=den > 0)
    return float(err.max()) if err.size else 0.0
