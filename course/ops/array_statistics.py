"""Variance, log-sum-exp and cumulative sum of an array along axes, forward and backward
(``keras.ops.var``, ``logsumexp``, ``cumsum``; the standard deviation is ``sqrt(var)``).

``axis`` is None (every axis), an int or a tuple as in :mod:`course.ops.array_reductions`;
every backward returns ``(dx,)`` of ``x``'s shape.
"""

import numpy as np

from course.ops.array_reductions import unreduce


def var_forward(x: np.ndarray, axis: int | tuple | None = None,
                keepdims: bool = False) -> tuple:
    """``mean((x - mean(x))**2)`` over ``axis`` (the population variance, as Keras)."""
    axis = tuple(axis) if isinstance(axis, list) else axis
    centred = x - x.mean(axis=axis, keepdims=True)
    out = np.asarray((centred * centred).mean(axis=axis, keepdims=keepdims), dtype=x.dtype)
    return out, (centred, axis, keepdims, x.size // max(out.size, 1))


def var_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """``dx = dout * 2 (x - mean) / n`` (the mean's own gradient sums to zero)."""
    centred, axis, keepdims, n = cache
    return (unreduce(dout, centred.shape, axis, keepdims) * centred * (2 / n),)


def logsumexp_forward(x: np.ndarray, axis: int | tuple | None = None,
                      keepdims: bool = False) -> tuple:
    """``log(sum(exp(x)))`` over ``axis``, shifted by the maximum so it never overflows."""
    axis = tuple(axis) if isinstance(axis, list) else axis
    m = x.max(axis=axis, keepdims=True)
    out_kept = m + np.log(np.exp(x - m).sum(axis=axis, keepdims=True))
    out = out_kept if keepdims else np.squeeze(out_kept, axis=axis)
    return np.asarray(out, dtype=x.dtype), (x, out_kept)


def logsumexp_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """``dx = dout * softmax(x)`` along the reduced axes."""
    x, out_kept = cache
    d = np.asarray(dout).reshape(out_kept.shape)
    return (d * np.exp(x - out_kept),)


def cumsum_forward(x: np.ndarray, axis: int | None = None) -> tuple:
    """Running sums along ``axis`` (None: of the flattened array)."""
    return np.cumsum(x, axis=axis), (x.shape, axis)


def cumsum_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """``dx[i] = sum_{j >= i} dout[j]``: the running sum taken from the end."""
    shape, axis = cache
    ax = 0 if axis is None else axis
    return (np.flip(np.cumsum(np.flip(dout, ax), axis=ax), ax).reshape(shape),)
