"""Repeat a vector along a new axis (Keras ``RepeatVector``)."""

import numpy as np


def repeat_vector_forward(x: np.ndarray, n: int) -> tuple:
    """``x`` ``(N, D)`` -> ``(out, cache)``, ``out`` ``(N, n, D)``: each row ``n`` times."""
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError(f"repeat_vector_forward: expected x of shape (N, D) (2-D), got "
                         f"shape {x.shape}")
    return np.repeat(x[:, None, :], n, axis=1), n


def repeat_vector_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx`` ``(N, D)``: the sum of the ``n`` copies' gradients."""
    return np.asarray(dout).sum(axis=1)
