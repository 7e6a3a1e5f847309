"""Merging several inputs (Keras ``Concatenate``, ``Add``), forward and backward."""

import numpy as np


def concatenate_forward(xs: list, axis: int = -1) -> tuple:
    """Join arrays ``xs`` (same shape but along ``axis``) -> ``(out, cache)``."""
    xs = [np.asarray(x) for x in xs]
    return np.concatenate(xs, axis=axis), ([x.shape[axis] for x in xs], axis)


def concatenate_backward(dout: np.ndarray, cache: tuple) -> list:
    """Split ``dout`` back into one gradient per input."""
    sizes, axis = cache
    return np.split(dout, np.cumsum(sizes)[:-1], axis=axis)


def add_forward(xs: list) -> tuple:
    """Elementwise sum of arrays of one shape -> ``(out, cache)``."""
    out = np.array(xs[0], copy=True)
    for x in xs[1:]:
        out += x
    return out, len(xs)


def add_backward(dout: np.ndarray, cache: tuple) -> list:
    """Every input receives ``dout``."""
    return [dout] * cache
