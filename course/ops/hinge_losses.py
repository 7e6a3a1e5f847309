"""Hinge losses, one value per sample, with their gradients, as Keras 3 defines them.

Shapes: ``y_true`` and ``y_pred`` ``(..., K)``; ``values`` ``(...)``; each backward takes
``dvalues`` ``(...)`` and returns ``dy_pred`` ``(..., K)``. ``hinge`` and
``squared_hinge`` take labels in {-1, 1}; labels that are all 0 or 1 are turned into
-1 and 1 first, as Keras does (for the whole batch at once, not label by label).
"""

import numpy as np


def _signed_labels(y_true):
    """``2 y - 1`` when every label is 0 or 1, else ``y`` unchanged."""
    if np.all((y_true == 0) | (y_true == 1)):
        return 2 * y_true - 1
    return y_true


def _margin(y_true, y_pred):
    t = _signed_labels(y_true)
    return 1 - t * y_pred, t


def hinge_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray) -> tuple:
    """``mean(max(1 - t y_pred, 0), axis=-1)`` with signed labels ``t``."""
    m, t = _margin(y_true, y_pred)
    return np.maximum(m, 0).mean(axis=-1), (m, t)


def hinge_per_sample_backward(dvalues: np.ndarray, cache: tuple) -> np.ndarray:
    """``-t / K`` where the margin ``1 - t y_pred >= 0``, else 0; times ``dvalues``."""
    m, t = cache
    d = np.asarray(dvalues, dtype=m.dtype)[..., None] / m.dtype.type(m.shape[-1])
    return np.where(m >= 0, -t, 0).astype(m.dtype) * d


def squared_hinge_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray) -> tuple:
    """``mean(max(1 - t y_pred, 0)**2, axis=-1)`` with signed labels ``t``."""
    m, t = _margin(y_true, y_pred)
    h = np.maximum(m, 0)
    return (h * h).mean(axis=-1), (h, t)


def squared_hinge_per_sample_backward(dvalues: np.ndarray, cache: tuple) -> np.ndarray:
    """``-2 t max(1 - t y_pred, 0) / K``, times ``dvalues``."""
    h, t = cache
    d = np.asarray(dvalues, dtype=h.dtype)[..., None] / h.dtype.type(h.shape[-1])
    return -2 * t * h * d


def categorical_hinge_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray) -> tuple:
    """``max(neg - pos + 1, 0)`` with ``pos = sum(y_true y_pred)`` and
    ``neg = max((1 - y_true) y_pred)`` over the last axis."""
    pos = (y_true * y_pred).sum(axis=-1)
    others = (1 - y_true) * y_pred
    neg = others.max(axis=-1)
    z = neg - pos + 1
    return np.maximum(z, 0), (y_true, others, neg, z)


def categorical_hinge_per_sample_backward(dvalues: np.ndarray, cache: tuple) -> np.ndarray:
    """``(1 - y_true) [at the max] - y_true`` where ``neg - pos + 1 >= 0``, times ``dvalues``;
    a tie for the maximum shares its gradient equally, as TensorFlow's ``reduce_max``."""
    y_true, others, neg, z = cache
    at_max = (others == neg[..., None]).astype(others.dtype)
    at_max /= at_max.sum(axis=-1, keepdims=True)
    d = np.where(z >= 0, np.asarray(dvalues, dtype=others.dtype), 0)[..., None]
    return ((1 - y_true) * at_max - y_true) * d
