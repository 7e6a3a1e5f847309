"""Permute the axes of samples (Keras ``Permute``)."""

import numpy as np


def permute_forward(x: np.ndarray, dims: tuple) -> tuple:
    """``x`` ``(N, d1, ..., dk)``, ``dims`` a permutation of ``1..k`` -> ``(out, cache)``,
    ``out[:, ...]`` with axis ``i`` of a sample taken from axis ``dims[i - 1]``."""
    x = np.asarray(x)
    order = (0,) + tuple(dims)
    if sorted(order) != list(range(x.ndim)):
        raise ValueError(f"permute_forward: dims {tuple(dims)} is not a permutation of "
                         f"1..{x.ndim - 1} for inputs of shape {x.shape}")
    return np.transpose(x, order), order


def permute_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx``: ``dout`` with the axes put back (the inverse permutation)."""
    return np.transpose(dout, np.argsort(cache))

