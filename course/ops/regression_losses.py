"""Regression losses, one value per sample, with their gradients, as Keras 3 defines them.

Each ``*_per_sample_forward(y_true, y_pred, ...)`` returns ``(values, cache)``: ``y_true``
and ``y_pred`` of one shape ``(..., K)``, ``values`` of shape ``(...)`` (the loss reduced
over the last axis); each ``*_per_sample_backward(dvalues, cache)`` returns ``dy_pred``
``(..., K)``. :mod:`course.ops.loss_reduction` then weighs and reduces the values.
Where Keras clips or takes a maximum, the gradient is that of the clipped function (zero
where the clip is active), as TensorFlow's is.
"""

import numpy as np

from course.ops.losses import EPSILON


def _spread(dvalues, like):
    """``dvalues`` ``(...)`` -> ``(..., 1)`` divided by ``K``: the gradient of a mean over
    the last axis of ``like`` ``(..., K)``."""
    d = np.asarray(dvalues, dtype=like.dtype)[..., None]
    return d * like.dtype.type(1 / like.shape[-1])


def mean_squared_error_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray) -> tuple:
    """``mean((y_pred - y_true)**2, axis=-1)``."""
    diff = y_pred - y_true
    return (diff * diff).mean(axis=-1), diff


def mean_squared_error_per_sample_backward(dvalues: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``2 (y_pred - y_true) / K``, times ``dvalues``."""
    return 2 * cache * _spread(dvalues, cache)


def mean_absolute_error_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray) -> tuple:
    """``mean(|y_pred - y_true|, axis=-1)``."""
    diff = y_pred - y_true
    return np.abs(diff).mean(axis=-1), diff


def mean_absolute_error_per_sample_backward(dvalues: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``sign(y_pred - y_true) / K``, times ``dvalues``."""
    return np.sign(cache) * _spread(dvalues, cache)


def mean_absolute_percentage_error_per_sample_forward(y_true: np.ndarray,
                                                      y_pred: np.ndarray) -> tuple:
    """``100 mean(|y_true - y_pred| / max(|y_true|, EPSILON), axis=-1)``."""
    scale = np.maximum(np.abs(y_true), y_pred.dtype.type(EPSILON))
    diff = y_pred - y_true
    return 100 * (np.abs(diff) / scale).mean(axis=-1), (diff, scale)


def mean_absolute_percentage_error_per_sample_backward(dvalues: np.ndarray,
                                                       cache: tuple) -> np.ndarray:
    """``100 sign(y_pred - y_true) / (K max(|y_true|, EPSILON))``, times ``dvalues``."""
    diff, scale = cache
    return 100 * np.sign(diff) / scale * _spread(dvalues, diff)


def mean_squared_logarithmic_error_per_sample_forward(y_true: np.ndarray,
                                                      y_pred: np.ndarray) -> tuple:
    """``mean((log(max(y_pred, EPSILON) + 1) - log(max(y_true, EPSILON) + 1))**2, axis=-1)``."""
    eps = y_pred.dtype.type(EPSILON)
    p = np.maximum(y_pred, eps)
    diff = np.log(p + 1) - np.log(np.maximum(y_true, eps) + 1)
    return (diff * diff).mean(axis=-1), (diff, p, y_pred >= eps)


def mean_squared_logarithmic_error_per_sample_backward(dvalues: np.ndarray,
                                                       cache: tuple) -> np.ndarray:
    """``2 diff / ((p + 1) K)`` where ``y_pred >= EPSILON`` (0 below), times ``dvalues``."""
    diff, p, above = cache
    return np.where(above, 2 * diff / (p + 1), 0).astype(p.dtype) * _spread(dvalues, p)


def huber_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray, delta: float = 1.0) -> tuple:
    """``mean(e**2 / 2 if |e| <= delta else delta (|e| - delta / 2), axis=-1)``,
    ``e = y_pred - y_true``."""
    e = y_pred - y_true
    d = y_pred.dtype.type(delta)
    a = np.abs(e)
    half = y_pred.dtype.type(0.5)
    inside = a <= d
    return np.where(inside, half * e * e, d * a - half * d * d).mean(axis=-1), (e, d, inside)


def huber_per_sample_backward(dvalues: np.ndarray, cache: tuple) -> np.ndarray:
    """``e / K`` inside ``|e| <= delta``, ``delta sign(e) / K`` outside, times ``dvalues``."""
    e, d, inside = cache
    return np.where(inside, e, d * np.sign(e)) * _spread(dvalues, e)


def log_cosh_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray) -> tuple:
    """``mean(log(cosh(x)), axis=-1)`` with ``x = y_pred - y_true``, computed as Keras does,
    ``x + softplus(-2 x) - log 2``, so that large ``|x|`` never overflows."""
    x = y_pred - y_true
    values = x + np.logaddexp(0, -2 * x) - x.dtype.type(np.log(2.0))
    return values.mean(axis=-1), x


def log_cosh_per_sample_backward(dvalues: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``tanh(y_pred - y_true) / K``, times ``dvalues``."""
    return np.tanh(cache) * _spread(dvalues, cache)


def _unit(x):
    """``x * min(1 / ||x||, 1 / EPSILON)`` over the last axis, and that factor."""
    inv = np.minimum(1 / np.sqrt((x * x).sum(axis=-1, keepdims=True)),
                     x.dtype.type(1 / EPSILON))
    return x * inv, inv


def cosine_similarity_per_sample_forward(y_true: np.ndarray, y_pred: np.ndarray) -> tuple:
    """``-sum(unit(y_true) * unit(y_pred), axis=-1)``: -1 for vectors pointing the same way.

    ``unit(x) = x * min(1 / ||x||, 1 / EPSILON)`` (Keras's ``normalize``), so a zero
    vector gives 0, not NaN.
    """
    with np.errstate(divide="ignore"):
        t, _ = _unit(y_true)
        u, inv = _unit(y_pred)
    return -(t * u).sum(axis=-1), (t, u, inv)


def cosine_similarity_per_sample_backward(dvalues: np.ndarray, cache: tuple) -> np.ndarray:
    """``-(t - (t . u) u) / ||y_pred||`` (``-t / EPSILON`` where the norm was capped)."""
    t, u, inv = cache
    capped = inv >= u.dtype.type(1 / EPSILON)
    g = np.where(capped, t, t - (t * u).sum(axis=-1, keepdims=True) * u) * inv
    return -g * np.asarray(dvalues, dtype=u.dtype)[..., None]
