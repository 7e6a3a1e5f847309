"""Inverted dropout (Keras ``Dropout``), forward and backward.

In training, each element is kept with probability ``1 - rate`` and the kept ones are
scaled by ``1 / (1 - rate)``, so that the expected value of every output equals its
input and nothing needs rescaling at inference, where dropout is the identity.
"""

import numpy as np

from course.ops.dtypes import float_dtype


def _generator(seed):
    """``None`` (fresh entropy), an int seed, or a ``numpy.random.Generator`` (used as is)."""
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)


def _noise_shape(noise_shape, shape):
    if noise_shape is None:
        return shape
    ns = tuple(shape[i] if d is None else int(d) for i, d in enumerate(noise_shape))
    if len(ns) != len(shape) or any(d not in (1, s) for d, s in zip(ns, shape)):
        raise ValueError(f"dropout_forward: noise_shape {tuple(noise_shape)} does not broadcast "
                         f"to x of shape {shape} (each entry must be 1, None or the same size)")
    return ns


def dropout_mask(shape: tuple, rate: float, seed: int | None, dtype: np.dtype,
                 noise_shape: tuple | None = None) -> np.ndarray:
    """The scaled mask ``keep / (1 - rate)`` that :func:`dropout_forward` multiplies ``x`` of
    ``shape`` by: one uniform draw per element of ``noise_shape`` (or of ``shape``),
    ``dtype`` float32 or float64; drawn from ``seed`` as there."""
    dtype = np.dtype(dtype)
    u = _generator(seed).random(_noise_shape(noise_shape, tuple(shape)), dtype=dtype)
    mask = (u >= dtype.type(rate)).astype(dtype)
    mask *= dtype.type(1.0 / (1.0 - rate))
    return mask


def dropout_forward(x: np.ndarray, rate: float, seed: int | None = None, training: bool = True,
                    noise_shape: tuple | None = None, mask: np.ndarray | None = None) -> tuple:
    """Inverted dropout.

    Args:
        x: any shape.
        rate: fraction of the elements to drop, ``0 <= rate < 1``.
        seed: None (a fresh random mask each call), an int (the same mask for the same
            seed and shape), or a ``numpy.random.Generator`` (drawn from, so it advances).
        training: when False, dropout is the identity.
        noise_shape: as Keras: a shape broadcastable to ``x`` (entries 1 share one draw,
            None means the size of ``x`` there), e.g. ``(N, 1, 1, C)`` drops whole channels.
        mask: a mask made beforehand by :func:`dropout_mask` (then nothing is drawn).

    Returns:
        out: shape and dtype of ``x`` (``x`` itself when nothing is dropped).
        cache: the scaled mask ``keep / (1 - rate)`` (None when nothing is dropped).
    """
    rate = float(rate)
    if not 0.0 <= rate < 1.0:
        raise ValueError(f"dropout_forward: rate must be in [0, 1), got {rate}")
    x = np.asarray(x)
    if not training or rate == 0.0:
        return x, None
    if mask is None:
        dtype = x.dtype if x.dtype in (np.float32, np.float64) else float_dtype(x)
        mask = dropout_mask(x.shape, rate, seed, dtype, noise_shape)
    return x * mask, mask


def dropout_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = dout * mask`` (``dout`` itself when nothing was dropped); shape of ``dout``."""
    if cache is None:
        return dout
    return dout * cache
