"""Moving an array's elements without computing: reshape, transpose, indexing, stacking.

Each backward puts the upstream gradient back where the forward took its elements from
and returns one gradient per array input (a tuple).
"""

import numpy as np


def array_reshape_forward(x: np.ndarray, shape: tuple) -> tuple:
    """``out = x.reshape(shape)`` (any shape with the same size; one -1 allowed)."""
    try:
        return x.reshape(shape), x.shape
    except ValueError:
        raise ValueError(f"reshape: cannot reshape an array of shape {x.shape} ({x.size} "
                         f"values) to shape {tuple(shape)}") from None


def array_reshape_backward(dout: np.ndarray, cache: tuple) -> tuple:
    return (np.reshape(dout, cache),)


def transpose_forward(x: np.ndarray, axes: tuple | None = None) -> tuple:
    """``out = x.transpose(axes)`` (None: reverse the axes)."""
    return x.transpose(axes), axes


def transpose_backward(dout: np.ndarray, cache: tuple | None) -> tuple:
    """Transpose back by the inverse permutation."""
    return (np.transpose(dout, None if cache is None else np.argsort(cache)),)


def getitem_forward(x: np.ndarray, index: object) -> tuple:
    """``out = x[index]`` (basic or integer-array indexing)."""
    return np.asarray(x[index]), (x.shape, index)


def getitem_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """Scatter-add into zeros: an element picked twice gets both gradients."""
    shape, index = cache
    dx = np.zeros(shape, np.asarray(dout).dtype)
    np.add.at(dx, index, dout)
    return (dx,)


def stack_forward(*xs: np.ndarray, axis: int = 0) -> tuple:
    """Arrays of one shape joined along a new ``axis``."""
    return np.stack(xs, axis=axis), (len(xs), axis)


def stack_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """One slice of ``dout`` per input."""
    n, axis = cache
    return tuple(np.take(dout, i, axis=axis) for i in range(n))
