"""Softmax followed by cross-entropy, fused into one numba pass (the classifier's hot path).

The gradient of ``cross_entropy(y, softmax(x))`` with respect to the logits ``x`` is
simply ``softmax(x) * sum(y) - y``; computing the two together never forms ``log(p)`` of
a tiny probability, so it is exact for logits of any size. Keras does the same when a
model ends in a softmax and is trained with a categorical cross-entropy.
"""

import math

import numpy as np
from numba import njit


@njit(cache=True)
def _forward_sparse(logits, labels, weights, probs):
    """Fill ``probs`` (N, K); return ``sum_i w_i * -log p[i, labels[i]]`` in float64."""
    n, k = logits.shape
    total = 0.0
    for i in range(n):
        m = logits[i, 0]
        for j in range(1, k):
            if logits[i, j] > m:
                m = logits[i, j]
        s = 0.0
        for j in range(k):
            e = math.exp(logits[i, j] - m)
            probs[i, j] = e
            s += e
        inv = 1.0 / s
        for j in range(k):
            probs[i, j] *= inv
        total += weights[i] * (m + math.log(s) - logits[i, labels[i]])
    return total


@njit(cache=True)
def _forward_dense(logits, targets, weights, probs):
    """As :func:`_forward_sparse` with soft or one-hot ``targets`` (N, K)."""
    n, k = logits.shape
    total = 0.0
    for i in range(n):
        m = logits[i, 0]
        for j in range(1, k):
            if logits[i, j] > m:
                m = logits[i, j]
        s = 0.0
        for j in range(k):
            e = math.exp(logits[i, j] - m)
            probs[i, j] = e
            s += e
        inv = 1.0 / s
        lse = m + math.log(s)
        row = 0.0
        for j in range(k):
            probs[i, j] *= inv
            row += targets[i, j] * (lse - logits[i, j])
        total += weights[i] * row
    return total


@njit(cache=True)
def _backward_sparse(probs, labels, weights, scale, dlogits):
    n, k = probs.shape
    for i in range(n):
        w = weights[i] * scale
        for j in range(k):
            dlogits[i, j] = probs[i, j] * w
        dlogits[i, labels[i]] -= w


@njit(cache=True)
def _backward_dense(probs, targets, weights, scale, dlogits):
    n, k = probs.shape
    for i in range(n):
        w = weights[i] * scale
        t = 0.0
        for j in range(k):
            t += targets[i, j]
        for j in range(k):
            dlogits[i, j] = (probs[i, j] * t - targets[i, j]) * w


def _check_labels(labels, n, k):
    labels = np.asarray(labels)
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    if labels.shape != (n,):
        raise ValueError(f"expected {n} integer labels of shape ({n},), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        if labels.dtype.kind != "f" or not np.all(labels == np.round(labels)):
            raise ValueError(f"integer class labels expected, got dtype {labels.dtype}")
    labels = labels.astype(np.int64, copy=False)
    if n and (labels.min() < 0 or labels.max() >= k):
        raise ValueError(f"labels must lie in [0, {k}), got values from {labels.min()} to {labels.max()}")
    return labels


def softmax_cross_entropy_forward(y_true: np.ndarray, logits: np.ndarray,
                                  sample_weight: np.ndarray | None = None) -> tuple:
    """Mean cross-entropy of ``softmax(logits)`` against the targets.

    Args:
        y_true: integer labels ``(N,)`` (sparse) or one-hot/soft targets ``(N, K)``.
        logits: ``(N, K)`` float array.
        sample_weight: ``(N,)`` or None; the loss is ``sum(w_i * l_i) / N``.

    Returns:
        loss: a scalar of ``logits``' dtype.
        cache: ``(probs, y_true, weights, sparse)``; ``probs = softmax(logits)``, ``(N, K)``,
        is the model's output.
    """
    logits = np.ascontiguousarray(logits)
    if logits.dtype.kind != "f":
        logits = logits.astype(np.float32)
    if logits.ndim != 2:
        raise ValueError(f"logits of shape (N, K) expected, got shape {logits.shape}")
    n, k = logits.shape
    dtype = logits.dtype
    weights = (np.ones(n, dtype) if sample_weight is None
               else np.ascontiguousarray(sample_weight, dtype=dtype).reshape(n))
    probs = np.empty_like(logits)
    y = np.asarray(y_true)
    sparse = y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1 and k > 1)
    if sparse:
        y = _check_labels(y, n, k)
        total = _forward_sparse(logits, y, weights, probs)
    else:
        if y.shape != (n, k):
            raise ValueError(f"targets of shape {(n, k)} expected, got {y.shape}")
        y = np.ascontiguousarray(y, dtype=dtype)
        total = _forward_dense(logits, y, weights, probs)
    return dtype.type(total / max(n, 1)), (probs, y, weights, sparse)


def softmax_cross_entropy_backward(dloss: float, cache: tuple) -> np.ndarray:
    """``dlogits = dloss * w_i * (softmax(x) * sum(y) - y) / N``, shape ``(N, K)``."""
    probs, y, weights, sparse = cache
    n = probs.shape[0]
    dlogits = np.empty_like(probs)
    scale = probs.dtype.type(dloss / max(n, 1))
    if sparse:
        _backward_sparse(probs, y, weights, scale, dlogits)
    else:
        _backward_dense(probs, y, weights, scale, dlogits)
    return dlogits
