"""A bias added and a ReLU applied in one pass: ``out = max(x + b, 0)``, forward and backward.

A Dense or Conv2D layer with ``activation="relu"`` adds its bias and then applies the ReLU:
as two numpy expressions (``np.maximum(x + b, 0)``) that is two passes over the output and
one temporary array as large as it. The numba kernel below reads each value once, adds the
bias of its channel and writes the rectified sum: one pass, no temporary (a *fused*
elementwise kernel). Channels are last: ``b[c]`` is added along the last axis of ``x``.

Backward: with ``out > 0`` the mask of the units that fired,
``dx = dout * mask`` and ``db = sum of dx over every axis but the last``.
"""

import numpy as np
from numba import njit

from course.ops.dtypes import as_float_c, float_dtype


@njit(cache=True, nogil=True)
def _bias_relu_kernel(x2, b, out):
    """``out[i, j] = max(x2[i, j] + b[j], 0)`` for ``x2`` of shape (m, C)."""
    m, c = x2.shape
    for i in range(m):
        for j in range(c):
            v = x2[i, j] + b[j]
            out[i, j] = v if v > 0 else 0.0


def _check(x: np.ndarray, b: np.ndarray) -> None:
    if np.ndim(b) != 1 or np.ndim(x) < 1 or np.shape(x)[-1] != np.shape(b)[0]:
        raise ValueError(f"bias_relu_forward: b of shape (C,) with C = x.shape[-1] expected, "
                         f"got x {np.shape(x)} and b {np.shape(b)}")


def bias_relu_forward(x: np.ndarray, b: np.ndarray) -> tuple:
    """``max(x + b, 0)`` in one numba pass, the bias along the last axis.

    Args:
        x: pre-activations, shape ``(..., C)`` (float32 or float64).
        b: bias, shape ``(C,)``.

    Returns:
        out: shape and dtype of ``x`` (float32 when both are float32).
        cache: ``out`` (its positive entries are the mask of the backward pass).
    """
    _check(x, b)
    dtype = float_dtype(x, b)
    x, b = as_float_c(x, dtype), as_float_c(b, dtype)
    out = np.empty_like(x)
    _bias_relu_kernel(x.reshape(-1, x.shape[-1]), b, out.reshape(-1, x.shape[-1]))
    return out, out


def bias_relu_backward(dout: np.ndarray, cache: np.ndarray) -> tuple:
    """Gradients of :func:`bias_relu_forward`.

    Args:
        dout: shape of ``out``.
        cache: ``out``.

    Returns:
        dx: ``dout`` where ``out > 0``, else 0 (shape of ``x``).
        db: ``dx`` summed over every axis but the last, shape ``(C,)``.
    """
    out = cache
    if np.shape(dout) != out.shape:
        raise ValueError(f"bias_relu_backward: dout of shape {out.shape} expected, "
                         f"got {np.shape(dout)}")
    dx = np.where(out > 0, dout, 0).astype(out.dtype)
    return dx, dx.reshape(-1, out.shape[-1]).sum(axis=0)
