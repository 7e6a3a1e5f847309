"""Batch normalization (Keras ``BatchNormalization``), forward and backward.

For every channel ``c`` (the entries along ``axis``)::

    out = gamma[c] * (x - mean[c]) / sqrt(var[c] + epsilon) + beta[c]

- **training**: ``mean`` and ``var`` are the batch's, over all axes but ``axis``, with the
  *biased* variance (divided by the count ``m``, not ``m - 1``), and the moving statistics
  are updated in place::

      moving_mean = moving_mean * momentum + mean * (1 - momentum)
      moving_var  = moving_var  * momentum + var  * (1 - momentum)

  Keras 3 does exactly this: ``BatchNormalization.call`` takes ``mean, variance`` from
  ``ops.moments`` (the biased variance) and feeds that same variance to the moving average
  (PyTorch, and TF 2's fused kernel, use the unbiased ``m / (m - 1)`` variance there instead).
- **inference**: ``mean`` and ``var`` are the moving statistics; nothing is updated.

Backward (training): with ``xhat = (x - mean) / std`` and ``m`` values per channel,
``dbeta = sum(dout)``, ``dgamma = sum(dout * xhat)`` and
``dx = gamma / (m * std) * (m * dout - dbeta - xhat * dgamma)``. In inference mode the layer
is an affine map, so ``dx = dout * gamma / std`` with the same ``dgamma`` and ``dbeta``.

Statistics are accumulated in float64 by numba kernels over the ``(m, C)`` view of the data
(channels last); another ``axis`` is first moved to the end.
"""

import numpy as np
from numba import njit

from course.ops.dtypes import as_float_c, float_dtype


@njit(cache=True)
def _moments(x2, mean, var):
    """Per-column mean and biased variance of ``x2`` (m, C), two passes in float64."""
    m, c = x2.shape
    acc = np.zeros(c)
    for r in range(m):
        for k in range(c):
            acc[k] += x2[r, k]
    for k in range(c):
        mean[k] = acc[k] / m
        acc[k] = 0.0
    for r in range(m):
        for k in range(c):
            d = x2[r, k] - mean[k]
            acc[k] += d * d
    for k in range(c):
        var[k] = acc[k] / m


@njit(cache=True)
def _normalize(x2, mean, inv_std, gamma, beta, xhat, out):
    m, c = x2.shape
    for r in range(m):
        for k in range(c):
            h = (x2[r, k] - mean[k]) * inv_std[k]
            xhat[r, k] = h
            out[r, k] = h * gamma[k] + beta[k]


@njit(cache=True)
def _sums(d2, xhat, dgamma, dbeta):
    m, c = d2.shape
    sg = np.zeros(c)
    sb = np.zeros(c)
    for r in range(m):
        for k in range(c):
            sb[k] += d2[r, k]
            sg[k] += d2[r, k] * xhat[r, k]
    for k in range(c):
        dgamma[k] = sg[k]
        dbeta[k] = sb[k]


@njit(cache=True)
def _dx_training(d2, xhat, scale, dgamma, dbeta, dx):
    """``dx = scale * (m * dout - dbeta - xhat * dgamma)``, ``scale = gamma / (m * std)``."""
    m, c = d2.shape
    for r in range(m):
        for k in range(c):
            dx[r, k] = scale[k] * (m * d2[r, k] - dbeta[k] - xhat[r, k] * dgamma[k])


def _channel_vector(v, c, name, dtype, default):
    if v is None:
        return np.full(c, default, dtype=dtype)
    v = np.asarray(v)
    if v.shape != (c,):
        raise ValueError(f"batchnorm_forward: expected {name} of shape ({c},), "
                         f"got shape {v.shape}")
    return as_float_c(v, dtype)


def batchnorm_forward(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, moving_mean: np.ndarray,
                      moving_var: np.ndarray, training: bool, momentum: float = 0.99,
                      epsilon: float = 0.001, axis: int = -1) -> tuple:
    """Batch normalization over all axes but ``axis``.

    Args:
        x: any shape ``(N, ..., C, ...)`` with ``C = x.shape[axis]``; typically ``(N, C)``
            after a dense layer or ``(N, H, W, C)`` after a convolution.
        gamma, beta: scale and offset, shape ``(C,)``; None for Keras's ``scale=False`` /
            ``center=False`` (then 1 and 0, and their gradients are None).
        moving_mean, moving_var: float arrays ``(C,)``, updated **in place** in training.
        training: batch statistics (True) or the moving ones (False).
        momentum, epsilon, axis: Keras's defaults 0.99, 1e-3, -1.

    Returns:
        out: shape and dtype of ``x``.
        cache: for :func:`batchnorm_backward`.
    """
    x = np.asarray(x)
    if x.ndim < 1:
        raise ValueError(f"batchnorm_forward: expected x with a channel axis, got shape {x.shape}")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"batchnorm_forward: axis {axis} is out of range for x of "
                         f"shape {x.shape}")
    axis = axis % x.ndim
    c = x.shape[axis]
    for name, v in (("moving_mean", moving_mean), ("moving_var", moving_var)):
        if not isinstance(v, np.ndarray) or v.shape != (c,):
            raise ValueError(f"batchnorm_forward: expected {name} as a numpy array of shape "
                             f"({c},) (x shape {x.shape}, axis {axis}), got "
                             f"{type(v).__name__} of shape {np.shape(v)}")
    dtype = float_dtype(x)
    g = _channel_vector(gamma, c, "gamma", dtype, 1.0)
    b = _channel_vector(beta, c, "beta", dtype, 0.0)
    moved = axis != x.ndim - 1
    xl = np.moveaxis(x, axis, -1) if moved else x
    moved_shape = xl.shape
    x2 = as_float_c(xl, dtype).reshape(-1, c)
    m = x2.shape[0]
    if training:
        if m == 0:
            raise ValueError(f"batchnorm_forward: no values to normalize over, x shape {x.shape}")
        mean = np.empty(c)
        var = np.empty(c)
        _moments(x2, mean, var)
        moving_mean[...] = moving_mean * momentum + mean * (1.0 - momentum)
        moving_var[...] = moving_var * momentum + var * (1.0 - momentum)
    else:
        mean = np.asarray(moving_mean, dtype=np.float64)
        var = np.asarray(moving_var, dtype=np.float64)
    inv_std = 1.0 / np.sqrt(var + epsilon)
    xhat = np.empty_like(x2)
    out2 = np.empty_like(x2)
    _normalize(x2, mean.astype(dtype), inv_std.astype(dtype), g, b, xhat, out2)
    out = out2.reshape(moved_shape)
    if moved:
        out = np.ascontiguousarray(np.moveaxis(out, -1, axis))
    cache = (bool(training), xhat, inv_std, g, gamma is not None, beta is not None,
             x.shape, moved_shape, axis)
    return out, cache


def batchnorm_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """Gradients of :func:`batchnorm_forward`.

    Returns:
        dx: shape of ``x``;
        dgamma, dbeta: shape ``(C,)`` (None where ``gamma`` / ``beta`` was None).
    """
    training, xhat, inv_std, g, has_gamma, has_beta, x_shape, moved_shape, axis = cache
    dout = np.asarray(dout)
    if dout.shape != tuple(x_shape):
        raise ValueError(f"batchnorm_backward: expected dout of shape {tuple(x_shape)}, "
                         f"got shape {dout.shape}")
    dtype = xhat.dtype
    c = xhat.shape[1]
    moved = axis != len(x_shape) - 1
    dl = np.moveaxis(dout, axis, -1) if moved else dout
    d2 = as_float_c(dl, dtype).reshape(-1, c)
    dgamma = np.empty(c, dtype=dtype)
    dbeta = np.empty(c, dtype=dtype)
    _sums(d2, xhat, dgamma, dbeta)
    if training:
        m = d2.shape[0]
        scale = (g * inv_std / m).astype(dtype)
        dx2 = np.empty_like(d2)
        _dx_training(d2, xhat, scale, dgamma, dbeta, dx2)
    else:
        dx2 = d2 * (g * inv_std).astype(dtype)
    dx = dx2.reshape(moved_shape)
    if moved:
        dx = np.ascontiguousarray(np.moveaxis(dx, -1, axis))
    return dx, (dgamma if has_gamma else None), (dbeta if has_beta else None)
