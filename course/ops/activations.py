"""Activation functions, each a forward/backward pair.

Every forward takes ``x`` of any shape and returns ``(out, cache)`` with ``out`` of the
same shape and dtype; every backward takes ``(dout, cache)`` and returns ``dx``.
"""

import numpy as np
from numba import njit

from course.ops.dtypes import as_floats as _floats
from course.ops.smooth_activations import SMOOTH_ACTIVATIONS


def linear_forward(x: np.ndarray) -> tuple:
    """Identity: ``out = x``."""
    return x, None


def linear_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """Gradient of the identity: ``dx = dout``."""
    return dout


def relu_forward(x: np.ndarray) -> tuple:
    """``out = max(x, 0)``."""
    x = _floats(x)
    out = np.maximum(x, 0)
    return out, out


@njit(cache=True, nogil=True)
def _relu_mask(dout, out, dx):
    for i in range(dx.size):
        dx[i] = dout[i] if out[i] > 0 else 0


def relu_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = dout where x > 0, else 0`` (the subgradient at 0 is taken as 0).

    One numba pass (the hot path of every ReLU network); same shape and dtype as ``dout``.
    """
    out = cache
    dout = np.ascontiguousarray(dout)
    if dout.shape != out.shape:
        raise ValueError(f"relu_backward: dout of shape {out.shape} expected, got {dout.shape}")
    dx = np.empty_like(dout)
    _relu_mask(dout.reshape(-1), np.ascontiguousarray(out).reshape(-1), dx.reshape(-1))
    return dx


def leaky_relu_forward(x: np.ndarray, alpha: float = 0.3) -> tuple:
    """``out = x if x > 0 else alpha * x`` (Keras's LeakyReLU default slope is 0.3)."""
    x = _floats(x)
    out = np.where(x > 0, x, x * x.dtype.type(alpha))
    return out, (x, alpha)


def leaky_relu_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = dout if x > 0 else alpha * dout``."""
    x, alpha = cache
    return np.where(x > 0, dout, dout * dout.dtype.type(alpha))


def elu_forward(x: np.ndarray, alpha: float = 1.0) -> tuple:
    """``out = x if x > 0 else alpha * (exp(x) - 1)``."""
    x = _floats(x)
    neg = x.dtype.type(alpha) * np.expm1(np.minimum(x, 0))
    out = np.where(x > 0, x, neg)
    return out, (x, out, alpha)


def elu_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = dout if x > 0 else dout * (out + alpha)``."""
    x, out, alpha = cache
    return np.where(x > 0, dout, dout * (out + out.dtype.type(alpha)))


def sigmoid_forward(x: np.ndarray) -> tuple:
    """``out = 1 / (1 + exp(-x))``, computed without overflow for large ``|x|``."""
    x = _floats(x)
    e = np.exp(-np.abs(x))
    out = np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)
    return out, out


def sigmoid_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = dout * out * (1 - out)``."""
    out = cache
    return dout * out * (1 - out)


def tanh_forward(x: np.ndarray) -> tuple:
    """``out = tanh(x)``."""
    x = _floats(x)
    out = np.tanh(x)
    return out, out


def tanh_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = dout * (1 - out**2)``."""
    out = cache
    return dout * (1 - out * out)


def softmax_forward(x: np.ndarray, axis: int = -1) -> tuple:
    """``out = exp(x) / sum(exp(x), axis)``, shifted by the max so that it never overflows."""
    x = _floats(x)
    z = x - x.max(axis=axis, keepdims=True)
    e = np.exp(z)
    out = e / e.sum(axis=axis, keepdims=True)
    return out, (out, axis)


def softmax_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = out * (dout - sum(dout * out, axis))`` (the Jacobian-vector product)."""
    out, axis = cache
    return out * (dout - (dout * out).sum(axis=axis, keepdims=True))


def log_softmax_forward(x: np.ndarray, axis: int = -1) -> tuple:
    """``out = x - logsumexp(x, axis)``, stable for any magnitude."""
    x = _floats(x)
    m = x.max(axis=axis, keepdims=True)
    z = x - m
    out = z - np.log(np.exp(z).sum(axis=axis, keepdims=True))
    return out, (out, axis)


def log_softmax_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = dout - softmax(x) * sum(dout, axis)``."""
    out, axis = cache
    return dout - np.exp(out) * dout.sum(axis=axis, keepdims=True)


ACTIVATIONS = {
    "linear": (linear_forward, linear_backward),
    "relu": (relu_forward, relu_backward),
    "leaky_relu": (leaky_relu_forward, leaky_relu_backward),
    "elu": (elu_forward, elu_backward),
    "sigmoid": (sigmoid_forward, sigmoid_backward),
    "tanh": (tanh_forward, tanh_backward),
    "softmax": (softmax_forward, softmax_backward),
    "log_softmax": (log_softmax_forward, log_softmax_backward),
    **SMOOTH_ACTIVATIONS,
}
"""Name -> (forward, backward), the names Keras uses for ``activation=``."""
