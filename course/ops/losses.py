"""Loss functions with their gradients, as Keras defines them.

Each loss is averaged over the last axis into one value per sample, the per-sample values
are multiplied by ``sample_weight`` (if given, shape ``(N,)``) and summed, and the sum is
divided by the number of samples ``N`` (Keras's ``"sum_over_batch_size"`` reduction).

Each ``*_forward(y_true, y_pred, ...)`` returns ``(loss, cache)`` with ``loss`` a scalar of
``y_pred``'s dtype; each ``*_backward(dloss, cache)`` returns ``dy_pred``. Losses on
probabilities clip them to ``[EPSILON, 1 - EPSILON]`` as Keras does, so ``log(0)`` never
happens; the ``from_logits`` forms use log-sum-exp and stay finite at logits of 1e4.
"""

import numpy as np
from numpy.typing import DTypeLike

from course.ops.indexing import one_hot

EPSILON = 1e-7
"""Keras's fuzz factor (``keras.backend.epsilon()``)."""


def _reduce(per_sample, sample_weight):
    """Per-sample losses ``(N,)`` -> ``sum(w * l) / N`` and the weights ``(N,)`` used."""
    n = per_sample.shape[0] if per_sample.ndim else 1
    if sample_weight is None:
        w = np.ones_like(per_sample)
    else:
        w = np.asarray(sample_weight, dtype=per_sample.dtype).reshape(per_sample.shape)
    return (per_sample * w).sum() / n, w


def _broadcast_weight(w, y_pred):
    """Weights ``(N,)`` -> shape broadcastable against ``y_pred`` ``(N, ..., K)``."""
    return w.reshape(w.shape + (1,) * (y_pred.ndim - w.ndim))


def _per_sample_scale(w, y_pred, dloss):
    """``dloss * w / (N * K)``: the chain-rule factor of a mean over the last axis."""
    n = y_pred.shape[0] if y_pred.ndim > 1 else 1
    k = y_pred.shape[-1] if y_pred.ndim > 1 else y_pred.size
    return _broadcast_weight(w, y_pred) * (y_pred.dtype.type(dloss) / (n * k))


def mean_squared_error_forward(y_true: np.ndarray, y_pred: np.ndarray,
                               sample_weight: np.ndarray | None = None) -> tuple:
    """``mean((y_pred - y_true)**2, axis=-1)``, reduced over the batch.

    Shapes: ``y_true`` and ``y_pred`` ``(N, K)``; ``sample_weight`` ``(N,)``.
    """
    diff = y_pred - y_true
    loss, w = _reduce((diff * diff).mean(axis=-1), sample_weight)
    return loss, (diff, w)


def mean_squared_error_backward(dloss: float, cache: tuple) -> np.ndarray:
    """``dy_pred = dloss * w * 2 (y_pred - y_true) / (N K)``, shape ``(N, K)``."""
    diff, w = cache
    return 2 * diff * _per_sample_scale(w, diff, dloss)


def mean_absolute_error_forward(y_true: np.ndarray, y_pred: np.ndarray,
                                sample_weight: np.ndarray | None = None) -> tuple:
    """``mean(|y_pred - y_true|, axis=-1)``, reduced over the batch. Shapes as MSE."""
    diff = y_pred - y_true
    loss, w = _reduce(np.abs(diff).mean(axis=-1), sample_weight)
    return loss, (diff, w)


def mean_absolute_error_backward(dloss: float, cache: tuple) -> np.ndarray:
    """``dy_pred = dloss * w * sign(y_pred - y_true) / (N K)`` (0 where they are equal)."""
    diff, w = cache
    return np.sign(diff) * _per_sample_scale(w, diff, dloss)


def binary_crossentropy_forward(y_true: np.ndarray, y_pred: np.ndarray,
                                sample_weight: np.ndarray | None = None) -> tuple:
    """``-mean(y log p + (1 - y) log(1 - p), axis=-1)`` on probabilities ``p = y_pred``.

    ``p`` is clipped to ``[EPSILON, 1 - EPSILON]``. Shapes: ``(N, K)`` (K is often 1).
    """
    eps = y_pred.dtype.type(EPSILON)
    p = np.clip(y_pred, eps, 1 - eps)
    per = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).mean(axis=-1)
    loss, w = _reduce(per.astype(y_pred.dtype, copy=False), sample_weight)
    inside = (y_pred > eps) & (y_pred < 1 - eps)
    return loss, (y_true, p, inside, w)


def binary_crossentropy_backward(dloss: float, cache: tuple) -> np.ndarray:
    """``dy_pred = (p - y) / (p (1 - p))`` scaled, and 0 where the clip was active."""
    y_true, p, inside, w = cache
    g = (p - y_true) / (p * (1 - p))
    return np.where(inside, g, 0).astype(p.dtype, copy=False) * _per_sample_scale(w, p, dloss)


def binary_crossentropy_from_logits_forward(y_true: np.ndarray, logits: np.ndarray,
                                            sample_weight: np.ndarray | None = None) -> tuple:
    """Binary cross-entropy on logits ``x``: ``max(x, 0) - x y + log(1 + exp(-|x|))``.

    Exact for any magnitude of ``x``. Shapes: ``(N, K)``.
    """
    per = (np.maximum(logits, 0) - logits * y_true + np.log1p(np.exp(-np.abs(logits))))
    loss, w = _reduce(per.mean(axis=-1).astype(logits.dtype, copy=False), sample_weight)
    return loss, (y_true, logits, w)


def binary_crossentropy_from_logits_backward(dloss: float, cache: tuple) -> np.ndarray:
    """``dlogits = (sigmoid(x) - y)`` scaled by ``dloss * w / (N K)``."""
    y_true, logits, w = cache
    e = np.exp(-np.abs(logits))
    sig = np.where(logits >= 0, 1 / (1 + e), e / (1 + e))
    return (sig - y_true).astype(logits.dtype, copy=False) * _per_sample_scale(w, logits, dloss)


def categorical_crossentropy_forward(y_true: np.ndarray, y_pred: np.ndarray,
                                     sample_weight: np.ndarray | None = None) -> tuple:
    """``-sum(y log q, axis=-1)`` with ``q = clip(p / sum(p))`` on probabilities ``p``.

    As Keras does, ``y_pred`` is renormalised to sum to 1 and clipped to
    ``[EPSILON, 1 - EPSILON]``. Shapes: ``y_true`` one-hot (or soft) ``(N, K)``.
    """
    s = y_pred.sum(axis=-1, keepdims=True)
    q = y_pred / s
    eps = y_pred.dtype.type(EPSILON)
    c = np.clip(q, eps, 1 - eps)
    loss, w = _reduce(-(y_true * np.log(c)).sum(axis=-1), sample_weight)
    inside = (q > eps) & (q < 1 - eps)
    return loss, (y_true, q, c, s, inside, w)


def categorical_crossentropy_backward(dloss: float, cache: tuple) -> np.ndarray:
    """Chain rule through the clip and the renormalisation, shape ``(N, K)``."""
    y_true, q, c, s, inside, w = cache
    n = q.shape[0] if q.ndim > 1 else 1
    scale = _broadcast_weight(w, q) * (q.dtype.type(dloss) / n)
    dq = np.where(inside, -y_true / c, 0).astype(q.dtype, copy=False) * scale
    return (dq - (dq * q).sum(axis=-1, keepdims=True)) / s


def categorical_crossentropy_from_logits_forward(y_true: np.ndarray, logits: np.ndarray,
                                                 sample_weight: np.ndarray | None = None) -> tuple:
    """``-sum(y * log_softmax(x), axis=-1)`` on logits, via log-sum-exp. Shapes ``(N, K)``."""
    z = logits - logits.max(axis=-1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
    loss, w = _reduce(-(y_true * log_p).sum(axis=-1), sample_weight)
    return loss, (y_true, log_p, w)


def categorical_crossentropy_from_logits_backward(dloss: float, cache: tuple) -> np.ndarray:
    """``dlogits = softmax(x) * sum(y) - y``, scaled by ``dloss * w / N``."""
    y_true, log_p, w = cache
    n = log_p.shape[0] if log_p.ndim > 1 else 1
    g = np.exp(log_p) * y_true.sum(axis=-1, keepdims=True) - y_true
    return g * (_broadcast_weight(w, log_p) * log_p.dtype.type(dloss / n))


def sparse_labels_to_one_hot(labels: np.ndarray, num_classes: int, dtype: DTypeLike) -> np.ndarray:
    """Integer labels ``(N,)`` or ``(N, 1)`` -> one-hot ``(N, num_classes)``.

    Raises ValueError for a label outside ``[0, num_classes)``.
    """
    idx = np.asarray(labels).reshape(-1)
    if idx.dtype.kind == "f":
        if not np.all(idx == np.round(idx)):
            raise ValueError("sparse labels must be whole numbers, got fractional values")
    idx = idx.astype(np.int64)
    if idx.size and (idx.min() < 0 or idx.max() >= num_classes):
        raise ValueError(
            f"sparse labels must lie in [0, {num_classes}), got values from "
            f"{idx.min()} to {idx.max()}")
    return one_hot(idx, num_classes).astype(dtype, copy=False)


def sparse_categorical_crossentropy_forward(y_true: np.ndarray, y_pred: np.ndarray,
                                            sample_weight: np.ndarray | None = None) -> tuple:
    """Categorical cross-entropy with integer labels ``y_true`` ``(N,)`` on probabilities."""
    one_hot = sparse_labels_to_one_hot(y_true, y_pred.shape[-1], y_pred.dtype)
    return categorical_crossentropy_forward(one_hot, y_pred, sample_weight)


def sparse_categorical_crossentropy_backward(dloss: float, cache: tuple) -> np.ndarray:
    """Same gradient as :func:`categorical_crossentropy_backward`."""
    return categorical_crossentropy_backward(dloss, cache)


def sparse_categorical_crossentropy_from_logits_forward(
        y_true: np.ndarray, logits: np.ndarray, sample_weight: np.ndarray | None = None) -> tuple:
    """Categorical cross-entropy with integer labels ``(N,)`` on logits ``(N, K)``."""
    one_hot = sparse_labels_to_one_hot(y_true, logits.shape[-1], logits.dtype)
    return categorical_crossentropy_from_logits_forward(one_hot, logits, sample_weight)


def sparse_categorical_crossentropy_from_logits_backward(dloss: float, cache: tuple) -> np.ndarray:
    """Same gradient as :func:`categorical_crossentropy_from_logits_backward`."""
    return categorical_crossentropy_from_logits_backward(dloss, cache)
