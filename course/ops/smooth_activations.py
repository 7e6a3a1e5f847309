"""Keras 3's other activations, each a forward/backward pair: softplus, softsign,
silu (swish), gelu, selu, mish, exponential, relu6, hard_sigmoid.

As in :mod:`course.ops.activations`: every forward takes ``x`` of any shape and returns
``(out, cache)``, ``out`` of ``x``'s shape and float dtype; every backward takes
``(dout, cache)`` and returns ``dx``. The formulas and constants are Keras 3's
(``keras/src/activations/activations.py``).
"""

import math

import numpy as np
from numba import njit

from course.ops.dtypes import as_floats

SELU_ALPHA = 1.6732632423543772
SELU_SCALE = 1.0507009873554805
_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)


def _sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


def softplus_forward(x: np.ndarray) -> tuple:
    """``out = log(1 + exp(x))``, as ``max(x, 0) + log1p(exp(-|x|))`` (never overflows)."""
    x = as_floats(x)
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x))), x


def softplus_backward(dout: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``dx = dout * sigmoid(x)``."""
    return dout * _sigmoid(cache)


def softsign_forward(x: np.ndarray) -> tuple:
    """``out = x / (1 + |x|)``."""
    x = as_floats(x)
    return x / (1 + np.abs(x)), x


def softsign_backward(dout: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``dx = dout / (1 + |x|)**2``."""
    return dout / (1 + np.abs(cache)) ** 2


def silu_forward(x: np.ndarray) -> tuple:
    """``out = x * sigmoid(x)`` (Keras's ``silu``, also named ``swish``)."""
    x = as_floats(x)
    s = _sigmoid(x)
    return x * s, (x, s)


def silu_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = dout * (s + x s (1 - s))`` with ``s = sigmoid(x)``."""
    x, s = cache
    return dout * (s + x * s * (1 - s))


@njit(cache=True)
def _erf(x):
    out = np.empty_like(x)
    flat, res = x.ravel(), out.ravel()
    for i in range(flat.size):
        res[i] = math.erf(flat[i])
    return out


def gelu_forward(x: np.ndarray, approximate: bool = False) -> tuple:
    """``out = x * Phi(x)`` with ``Phi`` the standard normal CDF, ``0.5 (1 + erf(x / sqrt 2))``;
    ``approximate=True``: ``0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x**3)))``."""
    x = np.ascontiguousarray(as_floats(x))
    if approximate:
        t = np.tanh(x.dtype.type(_SQRT_2_OVER_PI) * (x + x.dtype.type(0.044715) * x ** 3))
        return 0.5 * x * (1 + t), (x, t, True)
    phi = 0.5 * (1 + _erf(x / x.dtype.type(math.sqrt(2))))
    return x * phi, (x, phi, False)


def gelu_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = dout * (Phi(x) + x phi(x))``, ``phi`` the normal density (or the tanh form's
    derivative when approximate)."""
    x, p, approximate = cache
    if approximate:
        dt = (1 - p * p) * x.dtype.type(_SQRT_2_OVER_PI) * (1 + 3 * x.dtype.type(0.044715) * x * x)
        return dout * (0.5 * (1 + p) + 0.5 * x * dt)
    density = np.exp(-0.5 * x * x) / x.dtype.type(math.sqrt(2 * math.pi))
    return dout * (p + x * density)


def selu_forward(x: np.ndarray) -> tuple:
    """``out = scale * (x if x > 0 else alpha (exp(x) - 1))`` with Keras's ``alpha`` and
    ``scale`` (self-normalizing)."""
    x = as_floats(x)
    t = x.dtype.type
    return t(SELU_SCALE) * np.where(x > 0, x, t(SELU_ALPHA) * np.expm1(np.minimum(x, 0))), x


def selu_backward(dout: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``dx = dout * scale * (1 if x > 0 else alpha exp(x))``."""
    x = cache
    t = x.dtype.type
    return dout * t(SELU_SCALE) * np.where(x > 0, 1, t(SELU_ALPHA) * np.exp(np.minimum(x, 0)))


def mish_forward(x: np.ndarray) -> tuple:
    """``out = x * tanh(softplus(x))``."""
    x = as_floats(x)
    t = np.tanh(softplus_forward(x)[0])
    return x * t, (x, t)


def mish_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = dout * (t + x (1 - t**2) sigmoid(x))`` with ``t = tanh(softplus(x))``."""
    x, t = cache
    return dout * (t + x * (1 - t * t) * _sigmoid(x))


def exponential_forward(x: np.ndarray) -> tuple:
    """``out = exp(x)``."""
    out = np.exp(as_floats(x))
    return out, out


def exponential_backward(dout: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``dx = dout * exp(x)``."""
    return dout * cache


def relu6_forward(x: np.ndarray) -> tuple:
    """``out = min(max(x, 0), 6)``."""
    x = as_floats(x)
    return np.clip(x, 0, 6), x


def relu6_backward(dout: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``dx = dout`` where ``0 < x < 6``, else 0."""
    return np.where((cache > 0) & (cache < 6), dout, 0).astype(dout.dtype, copy=False)


def hard_sigmoid_forward(x: np.ndarray) -> tuple:
    """``out = relu6(x + 3) / 6``, Keras 3's piecewise-linear sigmoid."""
    x = as_floats(x)
    return np.clip((x + 3) / 6, 0, 1), x


def hard_sigmoid_backward(dout: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``dx = dout / 6`` where ``-3 < x < 3``, else 0."""
    return np.where((cache > -3) & (cache < 3), dout / 6, 0).astype(dout.dtype, copy=False)


SMOOTH_ACTIVATIONS = {
    "softplus": (softplus_forward, softplus_backward),
    "softsign": (softsign_forward, softsign_backward),
    "silu": (silu_forward, silu_backward),
    "swish": (silu_forward, silu_backward),
    "gelu": (gelu_forward, gelu_backward),
    "selu": (selu_forward, selu_backward),
    "mish": (mish_forward, mish_backward),
    "exponential": (exponential_forward, exponential_backward),
    "relu6": (relu6_forward, relu6_backward),
    "hard_sigmoid": (hard_sigmoid_forward, hard_sigmoid_backward),
}
"""Name -> (forward, backward), the names Keras uses for ``activation=``."""
