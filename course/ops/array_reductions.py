"""Reductions of an array over some of its axes (sum, mean, max, min), forward and backward.

``axis`` is None (every axis), an int or a tuple, negative counting from the end; with
``keepdims`` the reduced axes stay with length 1. Every backward returns ``(dx,)``.
"""

import numpy as np


def reduced_axes(axis: int | tuple | None, ndim: int) -> tuple:
    """``axis`` (None, an int or a tuple, possibly negative) -> a tuple of axes >= 0."""
    if axis is None:
        return tuple(range(ndim))
    return tuple(a % ndim for a in (tuple(axis) if isinstance(axis, (tuple, list)) else (axis,)))


def unreduce(dout: np.ndarray, shape: tuple, axis: int | tuple | None,
             keepdims: bool) -> np.ndarray:
    """Give a reduction's upstream gradient back its reduced axes: shape ``shape``."""
    dout = np.asarray(dout)
    if not keepdims:
        dout = np.expand_dims(dout, reduced_axes(axis, len(shape)))
    return np.broadcast_to(dout, shape)


def sum_forward(x: np.ndarray, axis: int | tuple | None = None,
                keepdims: bool = False) -> tuple:
    """Sum over ``axis`` (None: all axes)."""
    axis = tuple(axis) if isinstance(axis, list) else axis
    return np.asarray(x.sum(axis=axis, keepdims=keepdims)), (x.shape, axis, keepdims)


def sum_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """Every summed element receives the upstream gradient of its sum."""
    shape, axis, keepdims = cache
    return (unreduce(dout, shape, axis, keepdims),)


def mean_forward(x: np.ndarray, axis: int | tuple | None = None,
                 keepdims: bool = False) -> tuple:
    """Mean over ``axis`` (None: all axes); of integers, truncated to an integer as in TF."""
    axis = tuple(axis) if isinstance(axis, list) else axis
    out = np.asarray(x.mean(axis=axis, keepdims=keepdims))
    if x.dtype.kind in "iu":
        out = np.trunc(out).astype(x.dtype)
    elif out.dtype != x.dtype:
        out = out.astype(x.dtype)
    return out, (x.shape, axis, keepdims, x.size // max(np.size(out), 1))


def mean_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """As the sum, divided by the number ``n`` of averaged elements."""
    shape, axis, keepdims, n = cache
    return (unreduce(dout / n, shape, axis, keepdims),)


def _extreme_forward(x, axis, keepdims, top):
    axis = tuple(axis) if isinstance(axis, list) else axis
    winners = x == top
    share = winners / winners.sum(axis=axis, keepdims=True)
    out = top if keepdims else np.squeeze(top, axis=reduced_axes(axis, x.ndim))
    return np.asarray(out), (share.astype(x.dtype), axis, keepdims)


def max_forward(x: np.ndarray, axis: int | tuple | None = None,
                keepdims: bool = False) -> tuple:
    """Maximum over ``axis``."""
    axis = tuple(axis) if isinstance(axis, list) else axis
    return _extreme_forward(x, axis, keepdims, x.max(axis=axis, keepdims=True))


def min_forward(x: np.ndarray, axis: int | tuple | None = None,
                keepdims: bool = False) -> tuple:
    """Minimum over ``axis``."""
    axis = tuple(axis) if isinstance(axis, list) else axis
    return _extreme_forward(x, axis, keepdims, x.min(axis=axis, keepdims=True))


def extreme_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """The backward of max and min: the gradient goes to the extreme element; ties share it
    equally (as TensorFlow)."""
    share, axis, keepdims = cache
    return (unreduce(dout, share.shape, axis, keepdims) * share,)
