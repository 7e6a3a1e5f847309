"""Bilinear scores x[n] @ A @ y[n] for a batch of pairs, by einsum."""

import numpy as np


def bilinear_scores(x: np.ndarray, A: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``x`` ``(N, D)``, ``A`` ``(D, E)``, ``y`` ``(N, E)`` -> ``s[n] = x[n] @ A @ y[n]``,
    shape ``(N,)``."""
    return np.einsum("nd,de,ne->n", x, A, y)
