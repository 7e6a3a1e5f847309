"""Squared Euclidean distances between every pair of points of two sets."""

import numpy as np


def pairwise_sq_dists(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a`` ``(N, D)``, ``b`` ``(M, D)`` -> ``d[i, j] = ||a[i] - b[j]||^2``, shape ``(N, M)``."""
    diff = a[:, None, :] - b[None, :, :]
    return (diff * diff).sum(axis=-1)
