"""Parametric ReLU (Keras ``PReLU``): a learned slope ``alpha`` for the negative inputs.

    out = x if x > 0 else alpha * x

``alpha`` has the shape of one sample, ``x.shape[1:]``, with 1 on the shared axes (one
slope shared along them); it broadcasts against ``x``.
"""

import numpy as np


def prelu_forward(x: np.ndarray, alpha: np.ndarray) -> tuple:
    """``x`` ``(N, ...)``, ``alpha`` broadcastable to ``x.shape[1:]`` -> ``(out, cache)``,
    ``out`` the shape of ``x``."""
    x, alpha = np.asarray(x), np.asarray(alpha)
    if alpha.ndim != x.ndim - 1 or any(a not in (1, d) for a, d in zip(alpha.shape,
                                                                       x.shape[1:])):
        raise ValueError(f"prelu_forward: alpha of shape {alpha.shape} does not fit inputs of "
                         f"shape {x.shape} (expected {x.shape[1:]} with 1 on shared axes)")
    out = np.where(x > 0, x, alpha * x).astype(x.dtype, copy=False)
    return out, (x, alpha)


def prelu_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """``(dx, dalpha)``: ``dx`` shape of ``x``, ``dalpha`` shape of ``alpha`` (summed over
    the batch and the shared axes)."""
    x, alpha = cache
    dout = np.asarray(dout)
    dx = np.where(x > 0, dout, alpha * dout)
    per_cell = dout * np.minimum(x, 0)
    shared = (0,) + tuple(i + 1 for i, a in enumerate(alpha.shape) if a == 1)
    dalpha = per_cell.sum(axis=shared, keepdims=True)[0]
    return dx, dalpha.astype(alpha.dtype, copy=False)
