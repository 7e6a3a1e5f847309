"""Reductions along an axis: standardization over the batch, a stable log-sum-exp, and the
mean over the unmasked positions of padded sequences."""

import numpy as np


def standardize(x: np.ndarray, eps: float = 1e-08) -> np.ndarray:
    """Each column (feature) of ``x`` ``(N, D)`` to mean 0 and variance 1:
    ``(x - mean) / sqrt(var + eps)``, statistics over the batch axis 0."""
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    return (x - mean) / np.sqrt(var + eps)


def logsumexp(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """``log(sum(exp(x), axis))``, computed without overflow or underflow (no keepdims)."""
    m = np.max(x, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(x - m), axis=axis))


def masked_mean(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of each row of ``x`` ``(N, T)`` over the positions where ``mask`` ``(N, T)`` is
    True; 0 for a row with no such position. Shape ``(N,)``."""
    kept = np.where(mask, x, 0).sum(axis=1)
    count = mask.sum(axis=1)
    return kept / np.maximum(count, 1)
