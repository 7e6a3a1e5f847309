"""Integer-array indexing: one-hot rows from labels, and one entry per row picked by label."""

import numpy as np


def one_hot(labels: np.ndarray, num_classes: int) -> np.ndarray:
    """Integer labels ``(N,)`` -> float32 one-hot rows ``(N, num_classes)``."""
    out = np.zeros((len(labels), num_classes), dtype=np.float32)
    out[np.arange(len(labels)), labels] = 1
    return out


def gather_scores(scores: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """``scores`` ``(N, K)``, ``labels`` ``(N,)`` -> ``scores[n, labels[n]]`` for each n,
    shape ``(N,)``."""
    return scores[np.arange(scores.shape[0]), labels]
