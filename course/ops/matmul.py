"""The matrix product of stacks of matrices, ``np.matmul``'s semantics, forward and backward.

Shapes: ``a (..., N, K) @ b (..., K, M) -> (..., N, M)``, the leading (batch) axes
broadcast against each other; a 1-D ``a`` is a row ``(1, K)`` and a 1-D ``b`` a column
``(K, 1)``, their added axis dropped from the result. (``course.ops.dense`` is the
special case ``x (N, D) @ W (D, M)`` the layers use.)
"""

import numpy as np

from course.ops.arithmetic import unbroadcast


def matmul_forward(a: np.ndarray, b: np.ndarray) -> tuple:
    """``(a @ b, cache)``; a ValueError names both shapes when they do not fit."""
    a, b = np.asarray(a), np.asarray(b)
    if a.ndim == 0 or b.ndim == 0 or a.shape[-1] != b.shape[-2 if b.ndim > 1 else 0]:
        raise ValueError(f"matmul: cannot multiply shapes {a.shape} and {b.shape} "
                         f"(expected (..., N, K) @ (..., K, M))")
    return np.matmul(a, b), (a, b)


def matmul_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """``(da, db)``: ``da = dout @ b^T`` and ``db = a^T @ dout``, summed over the batch axes
    that broadcasting stretched."""
    a, b = cache
    a2 = a[None, :] if a.ndim == 1 else a
    b2 = b[:, None] if b.ndim == 1 else b
    d = np.asarray(dout)
    if b.ndim == 1:
        d = np.expand_dims(d, -1)
    if a.ndim == 1:
        d = np.expand_dims(d, -2)
    da = unbroadcast(np.matmul(d, np.swapaxes(b2, -1, -2)), a2.shape)
    db = unbroadcast(np.matmul(np.swapaxes(a2, -1, -2), d), b2.shape)
    return da.reshape(a.shape), db.reshape(b.shape)
