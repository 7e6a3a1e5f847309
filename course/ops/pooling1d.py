"""1-D pooling over sequences (Keras ``MaxPooling1D``, ``AveragePooling1D``,
``GlobalMaxPooling1D``, ``GlobalAveragePooling1D``), channels-last, forward and backward.

Shapes: ``x`` ``(N, L, C)`` -> ``(N, L_out, C)`` for the windowed pools, ``(N, C)`` for the
global ones. A sequence is an image one row high: the windowed pools run the numba kernels
of :mod:`course.ops.pooling` on ``(N, 1, L, C)`` with a ``1 x pool_size`` window, so the
geometry is TensorFlow's (``strides`` defaults to ``pool_size``; "same" pads so that
``L_out = ceil(L / s)``; the padding never takes part in a max or an average).

``global_average_pool1d_forward`` takes Keras's ``mask`` ``(N, L)`` (True or 1 where a step
is real, False or 0 where it is padding): the mean is then over the real steps only,
``sum_t x[n, t] * mask[n, t] / sum_t mask[n, t]``, as ``GlobalAveragePooling1D`` computes it
(a row whose mask is all zero gives NaN there, and here).
"""

import numpy as np

from course.ops.dtypes import as_float_c, float_dtype
from course.ops.pooling import (average_pool2d_backward, average_pool2d_forward,
                                global_max_pool2d_backward, global_max_pool2d_forward,
                                max_pool2d_backward, max_pool2d_forward)
from course.ops.windows import padding_mode, single_int


def _as_row_image(x, fn):
    """``(N, L, C)`` -> ``(N, 1, L, C)``, with a clear error for anything else."""
    x = np.asarray(x)
    if x.ndim != 3:
        raise ValueError(f"{fn}: expected x of shape (N, L, C) (3-D, channels last), "
                         f"got shape {x.shape}")
    return x[:, None]


def _window(x, pool_size, strides, padding, fn):
    """``x`` as a row image, and the ``1 x p`` window and ``1 x s`` strides, checked."""
    image = _as_row_image(x, fn)
    p = single_int(pool_size, "pool_size", fn)
    s = p if strides is None else single_int(strides, "strides", fn)
    mode = padding_mode(padding, fn)
    if mode == "valid" and p > image.shape[2]:
        raise ValueError(f"{fn}: pool_size {p} is longer than the input's {image.shape[2]} "
                         f"steps with padding='valid' (x shape {np.shape(x)})")
    return image, (1, p), (1, s), mode


def max_pool1d_forward(x: np.ndarray, pool_size: int = 2, strides: int | None = None,
                       padding: str = 'valid') -> tuple:
    """Max over each window of ``pool_size`` steps, per channel.

    Args:
        x: shape ``(N, L, C)``.
        pool_size: int (or a 1-tuple).
        strides: int; None means ``pool_size`` (Keras's default).
        padding: ``"valid"`` or ``"same"``.

    Returns:
        out: shape ``(N, L_out, C)``; cache: for :func:`max_pool1d_backward`.
    """
    fn = "max_pool1d_forward"
    image, pool, step, mode = _window(x, pool_size, strides, padding, fn)
    out, cache = max_pool2d_forward(image, pool, step, mode)
    return out[:, 0], cache


def max_pool1d_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dout`` ``(N, L_out, C)`` goes to each window's winner: ``dx`` ``(N, L, C)``."""
    return max_pool2d_backward(_as_row_image(dout, "max_pool1d_backward"), cache)[:, 0]


def average_pool1d_forward(x: np.ndarray, pool_size: int = 2, strides: int | None = None,
                           padding: str = 'valid') -> tuple:
    """Mean over each window (over its steps inside the sequence for "same").

    Shapes and arguments as :func:`max_pool1d_forward`.
    """
    fn = "average_pool1d_forward"
    image, pool, step, mode = _window(x, pool_size, strides, padding, fn)
    out, cache = average_pool2d_forward(image, pool, step, mode)
    return out[:, 0], cache


def average_pool1d_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """Each window's steps get ``dout / count``: ``(N, L_out, C)`` -> ``(N, L, C)``."""
    return average_pool2d_backward(_as_row_image(dout, "average_pool1d_backward"), cache)[:, 0]


def global_max_pool1d_forward(x: np.ndarray) -> tuple:
    """Max over the steps: ``(N, L, C)`` -> ``(N, C)`` (Keras ignores any mask here too)."""
    return global_max_pool2d_forward(_as_row_image(x, "global_max_pool1d_forward"))


def global_max_pool1d_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dout`` ``(N, C)`` goes to each channel's winning step: ``dx`` ``(N, L, C)``."""
    return global_max_pool2d_backward(dout, cache)[:, 0]


def global_average_pool1d_forward(x: np.ndarray, mask: np.ndarray | None = None) -> tuple:
    """Mean over the steps, or over the steps where ``mask`` is set.

    Args:
        x: shape ``(N, L, C)``.
        mask: None, or shape ``(N, L)`` (bool, or numbers read as ``!= 0``).

    Returns:
        out: shape ``(N, C)``; cache: for :func:`global_average_pool1d_backward`.
    """
    fn = "global_average_pool1d_forward"
    x = np.asarray(x)
    if x.ndim != 3 or min(x.shape) == 0:
        raise ValueError(f"{fn}: expected x of shape (N, L, C) (3-D, channels last, not "
                         f"empty), got shape {x.shape}")
    x = as_float_c(x, float_dtype(x))
    n, steps, _ = x.shape
    if mask is None:
        weights = np.full((n, steps), 1.0 / steps, dtype=x.dtype)
    else:
        mask = np.asarray(mask)
        if mask.shape != (n, steps):
            raise ValueError(f"{fn}: expected a mask of shape {(n, steps)} (N, L) for x of "
                             f"shape {x.shape}, got shape {mask.shape}")
        keep = (mask != 0).astype(x.dtype)
        with np.errstate(invalid="ignore", divide="ignore"):
            weights = keep / keep.sum(axis=1, keepdims=True)
        # masked-out steps take no part, not even as 0 * inf or 0 * NaN
        x = np.where(keep[:, :, None] > 0, x, 0)
    out = np.einsum("nlc,nl->nc", x, weights)
    return out, (weights, x.dtype)


def global_average_pool1d_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """Each (unmasked) step gets ``dout / count``: ``(N, C)`` -> ``(N, L, C)``."""
    weights, dtype = cache
    dout = np.asarray(dout)
    n = weights.shape[0]
    if dout.ndim != 2 or dout.shape[0] != n:
        raise ValueError(f"global_average_pool1d_backward: expected dout of shape (N, C) with "
                         f"N={n} (the forward output's), got shape {dout.shape}")
    return (weights[:, :, None] * as_float_c(dout, dtype)[:, None, :]).astype(dtype, copy=False)
