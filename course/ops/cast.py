"""Converting an array to another dtype, forward and backward."""

import numpy as np


def cast_forward(x: np.ndarray, dtype: object) -> tuple:
    """``x`` converted to ``dtype``; the cache is ``x``'s dtype."""
    return np.asarray(x).astype(dtype), np.asarray(x).dtype


def cast_backward(dout: np.ndarray, cache: np.dtype) -> tuple:
    """``dx = dout`` converted back to ``x``'s dtype; no gradient reaches an integer or
    bool input (TensorFlow's rule), nor comes from an integer or bool output."""
    dout = np.asarray(dout)
    if np.dtype(cache).kind not in "fc" or dout.dtype.kind not in "fc":
        return (None,)
    return (dout.astype(cache),)
