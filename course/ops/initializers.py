"""Weight initializers with Keras's names and formulas; every one takes a seed.

Each is ``name(shape, seed=None, dtype=float32) -> array``. ``fan_in`` and ``fan_out``
follow Keras: for a Dense kernel ``(D, M)`` they are ``D`` and ``M``; for a convolution
kernel ``(kh, kw, C_in, C_out)`` they are ``kh*kw*C_in`` and ``kh*kw*C_out``.
The "normal" variants of glorot, he and lecun draw from a normal truncated at two
standard deviations, rescaled (by 1/0.8796...) so that the variance is the one named.
"""

import numpy as np
from numpy.typing import DTypeLike

_TRUNCATED_STD = 0.87962566103423978  # std of a unit normal truncated to [-2, 2]


def compute_fans(shape: tuple) -> tuple:
    """``(fan_in, fan_out)`` of a weight of this shape, as Keras computes them."""
    shape = tuple(shape)
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = int(np.prod(shape[:-2]))
    return shape[-2] * receptive, shape[-1] * receptive


def _truncated_normal(rng, shape, stddev, dtype):
    out = rng.standard_normal(shape)
    bad = np.abs(out) > 2
    while bad.any():
        out[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(out) > 2
    return (out * stddev).astype(dtype)


def zeros(shape: tuple, seed: int | None = None, dtype: DTypeLike = np.float32) -> np.ndarray:
    """All zeros."""
    return np.zeros(shape, dtype=dtype)


def ones(shape: tuple, seed: int | None = None, dtype: DTypeLike = np.float32) -> np.ndarray:
    """All ones."""
    return np.ones(shape, dtype=dtype)


def random_normal(shape: tuple, seed: int | None = None, dtype: DTypeLike = np.float32,
                  mean: float = 0.0, stddev: float = 0.05) -> np.ndarray:
    """Normal with Keras's defaults ``mean=0, stddev=0.05``."""
    rng = np.random.default_rng(seed)
    return (mean + stddev * rng.standard_normal(shape)).astype(dtype)


def random_uniform(shape: tuple, seed: int | None = None, dtype: DTypeLike = np.float32,
                   minval: float = -0.05, maxval: float = 0.05) -> np.ndarray:
    """Uniform on ``[minval, maxval)`` with Keras's defaults ``-0.05, 0.05``."""
    rng = np.random.default_rng(seed)
    return rng.uniform(minval, maxval, shape).astype(dtype)


def glorot_uniform(shape: tuple, seed: int | None = None,
                   dtype: DTypeLike = np.float32) -> np.ndarray:
    """Uniform on ``[-l, l]``, ``l = sqrt(6 / (fan_in + fan_out))`` (Keras's default kernel)."""
    fan_in, fan_out = compute_fans(shape)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).uniform(-limit, limit, shape).astype(dtype)


def glorot_normal(shape: tuple, seed: int | None = None,
                  dtype: DTypeLike = np.float32) -> np.ndarray:
    """Truncated normal with variance ``2 / (fan_in + fan_out)``."""
    fan_in, fan_out = compute_fans(shape)
    std = np.sqrt(2.0 / (fan_in + fan_out)) / _TRUNCATED_STD
    return _truncated_normal(np.random.default_rng(seed), shape, std, dtype)


def he_uniform(shape: tuple, seed: int | None = None, dtype: DTypeLike = np.float32) -> np.ndarray:
    """Uniform on ``[-l, l]``, ``l = sqrt(6 / fan_in)`` (for ReLU networks)."""
    fan_in, _ = compute_fans(shape)
    limit = np.sqrt(6.0 / fan_in)
    return np.random.default_rng(seed).uniform(-limit, limit, shape).astype(dtype)


def he_normal(shape: tuple, seed: int | None = None, dtype: DTypeLike = np.float32) -> np.ndarray:
    """Truncated normal with variance ``2 / fan_in``."""
    fan_in, _ = compute_fans(shape)
    std = np.sqrt(2.0 / fan_in) / _TRUNCATED_STD
    return _truncated_normal(np.random.default_rng(seed), shape, std, dtype)


def lecun_normal(shape: tuple, seed: int | None = None,
                 dtype: DTypeLike = np.float32) -> np.ndarray:
    """Truncated normal with variance ``1 / fan_in`` (for SELU networks)."""
    fan_in, _ = compute_fans(shape)
    std = np.sqrt(1.0 / fan_in) / _TRUNCATED_STD
    return _truncated_normal(np.random.default_rng(seed), shape, std, dtype)


def lecun_uniform(shape: tuple, seed: int | None = None,
                  dtype: DTypeLike = np.float32) -> np.ndarray:
    """Uniform on ``[-l, l]``, ``l = sqrt(3 / fan_in)``."""
    fan_in, _ = compute_fans(shape)
    limit = np.sqrt(3.0 / fan_in)
    return np.random.default_rng(seed).uniform(-limit, limit, shape).astype(dtype)


INITIALIZERS = {f.__name__: f for f in (
    zeros, ones, random_normal, random_uniform, glorot_uniform, glorot_normal,
    he_uniform, he_normal, lecun_normal, lecun_uniform)}
"""Keras's initializer names -> functions."""


def orthogonal(shape: tuple, seed: int | None = None, dtype: DTypeLike = np.float32,
               gain: float = 1.0) -> np.ndarray:
    """A random orthogonal matrix (Keras's default recurrent kernel): the Q of the QR
    decomposition of a normal matrix, signs fixed by R's diagonal; for shapes of more than
    two axes, of the ``(prod(shape[:-1]), shape[-1])`` matrix, reshaped."""
    rows, cols = int(np.prod(shape[:-1])), shape[-1]
    a = np.random.default_rng(seed).standard_normal((max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(a)
    q *= np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return (gain * q.reshape(shape)).astype(dtype)
