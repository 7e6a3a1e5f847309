"""Additive Gaussian noise (Keras ``GaussianNoise``), while training only."""

import numpy as np


def gaussian_noise_forward(x: np.ndarray, stddev: float, rng: np.random.Generator,
                           training: bool = True) -> tuple:
    """``out = x + N(0, stddev**2)`` (fresh noise per cell) when training, else ``x``.
    Same shape and dtype as ``x``; ``rng`` a ``numpy.random.Generator``."""
    x = np.asarray(x)
    if not training or stddev == 0:
        return x, None
    return (x + rng.normal(0.0, stddev, x.shape)).astype(x.dtype, copy=False), None


def gaussian_noise_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """The noise does not depend on ``x``: ``dx = dout``."""
    return dout
