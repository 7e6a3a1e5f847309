"""Probabilistic losses, one value per sample, with their gradients, as Keras 3 defines them.

Shapes: ``y_true`` and ``y_pred`` ``(..., K)`` (sparse labels ``(...)``); ``values``
``(...)``; each backward takes ``dvalues`` ``(...)`` and returns ``dy_pred`` ``(..., K)``.
Probabilities are clipped to ``[EPSILON, 1 - EPSILON]`` as Keras does (the gradient is 0
where the clip is active); the ``from_logits`` forms are exact for any logits.
``label_smoothing = s`` moves binary targets to ``y (1 - s) + s / 2`` and categorical
ones to ``y (1 - s) + s / K``.
"""

import numpy as np

from course.ops.activations import sigmoid_forward, softmax_forward
from course.ops.losses import EPSILON, sparse_labels_to_one_hot


def _clip(p):
    eps = p.dtype.type(EPSILON)
    return np.clip(p, eps, 1 - eps), (p >= eps) & (p <= 1 - eps)


def _dvalues(dvalues, like, mean=False):
    """``dvalues`` ``(...)`` -> ``(..., 1)``, divided by ``K`` for a mean over the last axis."""
    d = np.asarray(dvalues, dtype=like.dtype)[..., None]
    return d / like.dtype.type(like.shape[-1]) if mean else d


def kl_divergence_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray) -> tuple:
    """``sum(t log(t / p), axis=-1)`` with ``t``, ``p`` clipped to ``[EPSILON, 1]``."""
    eps = y_pred.dtype.type(EPSILON)
    t, p = np.clip(y_true, eps, 1), np.clip(y_pred, eps, 1)
    return (t * np.log(t / p)).sum(axis=-1), (t, p, (y_pred >= eps) & (y_pred <= 1))


def kl_divergence_per_sample_backward(dvalues: np.ndarray, cache: tuple) -> np.ndarray:
    """``-t / p`` where ``p`` was not clipped, times ``dvalues``."""
    t, p, inside = cache
    return np.where(inside, -t / p, 0).astype(p.dtype) * _dvalues(dvalues, p)


def poisson_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray) -> tuple:
    """``mean(y_pred - y_true log(y_pred + EPSILON), axis=-1)``."""
    q = y_pred + y_pred.dtype.type(EPSILON)
    return (y_pred - y_true * np.log(q)).mean(axis=-1), (y_true, q)


def poisson_per_sample_backward(dvalues: np.ndarray, cache: tuple) -> np.ndarray:
    """``(1 - y_true / (y_pred + EPSILON)) / K``, times ``dvalues``."""
    y_true, q = cache
    return (1 - y_true / q) * _dvalues(dvalues, q, mean=True)


def _binary(y_true, y_pred, from_logits, label_smoothing):
    """Smoothed targets, probabilities, elementwise cross-entropy and its d/dy_pred."""
    t = y_true * (1 - label_smoothing) + 0.5 * label_smoothing if label_smoothing else y_true
    t = t.astype(y_pred.dtype, copy=False)
    if from_logits:
        x = y_pred
        p = sigmoid_forward(x)[0]
        bce = np.maximum(x, 0) - x * t + np.log1p(np.exp(-np.abs(x)))
        return t, p, bce, p - t
    c, inside = _clip(y_pred)
    bce = -(t * np.log(c) + (1 - t) * np.log(1 - c))
    return t, y_pred, bce, np.where(inside, (c - t) / (c * (1 - c)), 0).astype(y_pred.dtype)


def binary_crossentropy_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray,
                                           from_logits: bool = False,
                                           label_smoothing: float = 0.0) -> tuple:
    """``mean(-(t log p + (1 - t) log(1 - p)), axis=-1)`` on probabilities or logits."""
    _, _, bce, grad = _binary(y_true, y_pred, from_logits, label_smoothing)
    return bce.mean(axis=-1), grad


def binary_crossentropy_per_sample_backward(dvalues: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``(p - t) / (p (1 - p) K)`` on probabilities, ``(sigmoid(x) - t) / K`` on logits."""
    return cache * _dvalues(dvalues, cache, mean=True)


def binary_focal_crossentropy_per_sample_forward(
        y_true: np.ndarray, y_pred: np.ndarray, apply_class_balancing: bool = False,
        alpha: float = 0.25, gamma: float = 2.0, from_logits: bool = False,
        label_smoothing: float = 0.0) -> tuple:
    """``mean(w (1 - p_t)**gamma bce, axis=-1)``, ``p_t = t p + (1 - t)(1 - p)``, with
    ``w = t alpha + (1 - t)(1 - alpha)`` if ``apply_class_balancing`` else 1.

    Returns ``values`` ``(...)`` and the cache ``(t, p, bce, dbce, w, gamma, from_logits)``:
    the (smoothed) targets, the probabilities (``sigmoid(y_pred)`` when ``from_logits``),
    the elementwise cross-entropy and its derivative with respect to ``y_pred`` (0 where
    the clip is active), all ``(..., K)``, and the class weight (an array, or 1).
    """
    t, p, bce, dbce = _binary(y_true, y_pred, from_logits, label_smoothing)
    factor = (1 - (t * p + (1 - t) * (1 - p))) ** gamma
    w = t * alpha + (1 - t) * (1 - alpha) if apply_class_balancing else 1
    values = (w * factor * bce).mean(axis=-1).astype(y_pred.dtype, copy=False)
    return values, (t, p, bce, dbce, w, gamma, from_logits)


def binary_focal_crossentropy_per_sample_backward(dvalues: np.ndarray,
                                                  cache: tuple) -> np.ndarray:
    """By the product rule, ``w (dfactor bce + factor dbce) / K`` times ``dvalues``, where
    ``factor = (1 - p_t)**gamma`` and ``dfactor = -gamma (1 - p_t)**(gamma - 1) (2t - 1)``
    its derivative with respect to ``p`` (times ``p (1 - p)`` when ``from_logits``)."""
    t, p, bce, dbce, w, gamma, from_logits = cache
    one_minus_pt = 1 - (t * p + (1 - t) * (1 - p))
    factor = one_minus_pt ** gamma
    dfactor = -gamma * one_minus_pt ** (gamma - 1) * (2 * t - 1) if gamma else 0 * p
    if from_logits:
        dfactor = dfactor * p * (1 - p)
    grad = (w * (dfactor * bce + factor * dbce)).astype(p.dtype, copy=False)
    return grad * _dvalues(dvalues, grad, mean=True)


def _smooth(y_true, k, label_smoothing, dtype):
    t = y_true * (1 - label_smoothing) + label_smoothing / k if label_smoothing else y_true
    return t.astype(dtype, copy=False)


def _through_normalisation(dc, p, inside):
    """``dc`` with respect to ``c = clip(p / sum(p))`` -> with respect to ``p``."""
    s = p.sum(axis=-1, keepdims=True)
    dq = np.where(inside, dc, 0).astype(p.dtype)
    return (dq - (dq * p / s).sum(axis=-1, keepdims=True)) / s


def _through_softmax(dp, p):
    return p * (dp - (dp * p).sum(axis=-1, keepdims=True))


def categorical_crossentropy_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray,
                                                from_logits: bool = False,
                                                label_smoothing: float = 0.0) -> tuple:
    """``-sum(t log q, axis=-1)``: ``q = clip(p / sum(p))`` on probabilities,
    ``log q = log_softmax(x)`` on logits."""
    t = _smooth(y_true, y_pred.shape[-1], label_smoothing, y_pred.dtype)
    if from_logits:
        z = y_pred - y_pred.max(axis=-1, keepdims=True)
        log_q = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
        return -(t * log_q).sum(axis=-1), (t, y_pred, log_q, None)
    c, inside = _clip(y_pred / y_pred.sum(axis=-1, keepdims=True))
    return -(t * np.log(c)).sum(axis=-1), (t, y_pred, c, inside)


def categorical_crossentropy_per_sample_backward(dvalues: np.ndarray, cache: tuple) -> np.ndarray:
    """``softmax(x) sum(t) - t`` on logits; through the clip and the renormalisation on
    probabilities; times ``dvalues``."""
    t, y_pred, c, inside = cache
    d = _dvalues(dvalues, y_pred)
    if inside is None:
        return (np.exp(c) * t.sum(axis=-1, keepdims=True) - t) * d
    return _through_normalisation(-t / c, y_pred, inside) * d


def categorical_focal_crossentropy_per_sample_forward(
        y_true: np.ndarray, y_pred: np.ndarray, alpha: float = 0.25, gamma: float = 2.0,
        from_logits: bool = False, label_smoothing: float = 0.0) -> tuple:
    """``sum(alpha (1 - c)**gamma (-t log c), axis=-1)`` with ``c = clip(p / sum(p))`` and
    ``p = softmax(y_pred)`` when ``from_logits``."""
    t = _smooth(y_true, y_pred.shape[-1], label_smoothing, y_pred.dtype)
    p = softmax_forward(y_pred)[0] if from_logits else y_pred
    c, inside = _clip(p / p.sum(axis=-1, keepdims=True))
    cce = -t * np.log(c)
    factor = (1 - c) ** gamma
    dc = alpha * (-gamma * (1 - c) ** (gamma - 1) * cce - factor * t / c)
    dp = _through_normalisation(dc, p, inside)
    grad = _through_softmax(dp, p) if from_logits else dp
    return (alpha * factor * cce).sum(axis=-1).astype(y_pred.dtype, copy=False), grad


def categorical_focal_crossentropy_per_sample_backward(dvalues: np.ndarray,
                                                       cache: np.ndarray) -> np.ndarray:
    """The derivative kept by the forward, times ``dvalues``."""
    return cache * _dvalues(dvalues, cache)


def sparse_categorical_crossentropy_per_sample_forward(
        y_true: np.ndarray, y_pred: np.ndarray, from_logits: bool = False,
        ignore_class: int | None = None) -> tuple:
    """Cross-entropy with integer labels ``(...)`` (or ``(..., 1)``), as TensorFlow computes
    it: ``logsumexp(x) - x[label]`` with ``x = y_pred`` (logits) or ``log(clip(y_pred))``.

    Samples whose label is ``ignore_class`` get the value 0 and no gradient; the caller
    leaves them out of the mean (the mask ``labels != ignore_class``).
    """
    labels = np.asarray(y_true)
    if labels.ndim == y_pred.ndim and labels.shape[-1] == 1:
        labels = labels[..., 0]
    valid = None
    if ignore_class is not None:
        valid = labels != ignore_class
        labels = np.where(valid, labels, 0)
    one_hot = sparse_labels_to_one_hot(labels, y_pred.shape[-1], y_pred.dtype).reshape(
        y_pred.shape)
    if from_logits:
        log_q = y_pred - y_pred.max(axis=-1, keepdims=True)
        log_q = log_q - np.log(np.exp(log_q).sum(axis=-1, keepdims=True))
        grad = np.exp(log_q) - one_hot
    else:
        c, inside = _clip(y_pred)
        log_q = np.log(c / c.sum(axis=-1, keepdims=True))
        grad = np.where(inside, 1 / c.sum(axis=-1, keepdims=True) - one_hot / c, 0)
    values = -(one_hot * log_q).sum(axis=-1)
    if valid is not None:
        values = np.where(valid, values, 0)
        grad = np.where(valid[..., None], grad, 0)
    return values.astype(y_pred.dtype, copy=False), grad.astype(y_pred.dtype, copy=False)


def sparse_categorical_crossentropy_per_sample_backward(dvalues: np.ndarray,
                                                        cache: np.ndarray) -> np.ndarray:
    """``softmax(x) - onehot`` (logits) or ``1 / sum(c) - onehot / c`` inside the clip
    (probabilities), times ``dvalues``."""
    return cache * _dvalues(dvalues, cache)
