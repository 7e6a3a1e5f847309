"""Layer normalization (Keras ``LayerNormalization``), forward and backward.

Each sample is normalized over ``axes`` (by default the last), then scaled and shifted:

    mu = mean(x, axes), var = mean((x - mu)**2, axes)
    x_hat = (x - mu) / sqrt(var + epsilon)
    out = gamma * x_hat + beta

``gamma`` and ``beta`` have the sizes of the normalized axes (broadcast over the others).
"""

import numpy as np


def _axes(axis, ndim):
    axes = (axis,) if isinstance(axis, (int, np.integer)) else tuple(axis)
    if not axes or any(not -ndim <= a < ndim for a in axes):
        raise ValueError(f"layer_norm: axis {axis} is out of range for inputs of rank {ndim}")
    return tuple(sorted(a % ndim for a in axes))


def param_shape(shape: tuple, axis: int | tuple) -> tuple:
    """The shape ``gamma`` and ``beta`` broadcast as: the input's sizes on ``axis``, 1
    elsewhere, e.g. ``(N, T, D)`` and ``-1`` -> ``(1, 1, D)``."""
    axes = _axes(axis, len(shape))
    return tuple(d if i in axes else 1 for i, d in enumerate(shape))


def layer_norm_forward(x: np.ndarray, gamma: np.ndarray | None, beta: np.ndarray | None,
                       axis: int | tuple = -1, epsilon: float = 1e-3) -> tuple:
    """``x`` any shape; ``gamma``, ``beta`` of the normalized axes' sizes (or None) ->
    ``(out, cache)``, ``out`` the shape and dtype of ``x``."""
    x = np.asarray(x)
    axes = _axes(axis, x.ndim)
    shape = param_shape(x.shape, axis)
    mu = x.mean(axis=axes, keepdims=True)
    xc = x - mu
    inv_std = 1 / np.sqrt((xc * xc).mean(axis=axes, keepdims=True) + x.dtype.type(epsilon))
    x_hat = xc * inv_std
    out = x_hat
    g = None if gamma is None else np.asarray(gamma, x.dtype).reshape(shape)
    if g is not None:
        out = out * g
    if beta is not None:
        out = out + np.asarray(beta, x.dtype).reshape(shape)
    return out.astype(x.dtype, copy=False), (x_hat, inv_std, g, axes, beta is not None,
                                             None if gamma is None else np.shape(gamma))


def layer_norm_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """``(dx, dgamma, dbeta)``: ``dx`` shape of ``x``; ``dgamma``/``dbeta`` the shapes of
    ``gamma``/``beta`` (None for an absent one). With ``g = dout * gamma``:

        dx = inv_std * (g - mean(g, axes) - x_hat * mean(g * x_hat, axes))
    """
    x_hat, inv_std, g, axes, has_beta, gamma_shape = cache
    dout = np.asarray(dout, x_hat.dtype)
    others = tuple(i for i in range(x_hat.ndim) if i not in axes)
    dgamma = None if g is None else (dout * x_hat).sum(axis=others).reshape(gamma_shape)
    dbeta = dout.sum(axis=others).reshape(gamma_shape or dout.sum(axis=others).shape) \
        if has_beta else None
    dxh = dout if g is None else dout * g
    dx = inv_std * (dxh - dxh.mean(axis=axes, keepdims=True)
                    - x_hat * (dxh * x_hat).mean(axis=axes, keepdims=True))
    return dx, dgamma, dbeta
