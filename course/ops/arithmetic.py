"""Elementwise arithmetic with numpy's broadcasting, forward and backward.

When numpy stretches an operand of shape ``(3, 1)`` against one of shape ``(1, 4)``, each
of its elements is used 4 times, so its gradient is the sum of the 4 upstream gradients:
:func:`unbroadcast` sums over the stretched axes. Every backward returns a tuple with one
gradient per array input, in order. The array engines (``course.autodiff``'s Tensor and
Graph, ``course.keras.ops`` on a tape) differentiate with these pairs.
"""

import numpy as np


def unbroadcast(grad: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum ``grad`` over the axes that broadcasting added or stretched, back to ``shape``.

    ``grad`` has the broadcast shape (e.g. ``(N, D)``); ``shape`` is the operand's own
    (e.g. ``(D,)`` or ``(N, 1)``). Leading axes are summed away, axes of length 1 summed
    with ``keepdims``.
    """
    grad = np.asarray(grad)
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    return grad


def broadcast_add_forward(a: np.ndarray, b: np.ndarray) -> tuple:
    """``out = a + b`` (broadcast)."""
    return a + b, (np.shape(a), np.shape(b))


def broadcast_add_backward(dout: np.ndarray, cache: tuple) -> tuple:
    a_shape, b_shape = cache
    return unbroadcast(dout, a_shape), unbroadcast(dout, b_shape)


def broadcast_subtract_forward(a: np.ndarray, b: np.ndarray) -> tuple:
    """``out = a - b`` (broadcast)."""
    return a - b, (np.shape(a), np.shape(b))


def broadcast_subtract_backward(dout: np.ndarray, cache: tuple) -> tuple:
    a_shape, b_shape = cache
    return unbroadcast(dout, a_shape), unbroadcast(-dout, b_shape)


def broadcast_multiply_forward(a: np.ndarray, b: np.ndarray) -> tuple:
    """``out = a * b`` (broadcast)."""
    return a * b, (a, b)


def broadcast_multiply_backward(dout: np.ndarray, cache: tuple) -> tuple:
    a, b = cache
    return unbroadcast(dout * b, np.shape(a)), unbroadcast(dout * a, np.shape(b))


def divide_forward(a: np.ndarray, b: np.ndarray) -> tuple:
    """``out = a / b`` (broadcast)."""
    out = a / b
    return out, (np.shape(a), b, out)


def divide_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """``da = dout / b``, ``db = -dout * a / b**2 = -dout * out / b``."""
    a_shape, b, out = cache
    da = dout / b
    return unbroadcast(da, a_shape), unbroadcast(-da * out, np.shape(b))


def negative_forward(x: np.ndarray) -> tuple:
    """``out = -x``."""
    return -x, None


def negative_backward(dout: np.ndarray, cache: None) -> tuple:
    return (-dout,)


def power_forward(x: np.ndarray, exponent: float) -> tuple:
    """``out = x ** exponent`` for a number ``exponent``."""
    return x ** exponent, (x, exponent)


def power_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """``dx = dout * p * x ** (p - 1)``."""
    x, p = cache
    return (dout * p * x ** (p - 1),)


def exp_forward(x: np.ndarray) -> tuple:
    """``out = e ** x``."""
    out = np.exp(x)
    return out, out


def exp_backward(dout: np.ndarray, cache: np.ndarray) -> tuple:
    return (dout * cache,)


def log_forward(x: np.ndarray) -> tuple:
    """``out = ln x``."""
    return np.log(x), x


def log_backward(dout: np.ndarray, cache: np.ndarray) -> tuple:
    return (dout / cache,)


def sqrt_forward(x: np.ndarray) -> tuple:
    """``out = sqrt(x)``."""
    out = np.sqrt(x)
    return out, out


def sqrt_backward(dout: np.ndarray, cache: np.ndarray) -> tuple:
    """``dx = dout / (2 sqrt(x))``."""
    return (dout / (2 * cache),)


def abs_forward(x: np.ndarray) -> tuple:
    """``out = |x|``; the slope at 0 is taken as 0 (``sign(0) = 0``), as TensorFlow."""
    return np.abs(x), np.sign(x)


def abs_backward(dout: np.ndarray, cache: np.ndarray) -> tuple:
    return (dout * cache,)


def where_forward(condition: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple:
    """``out = a`` where ``condition`` else ``b`` (broadcast); no gradient for ``condition``."""
    condition = np.asarray(condition, dtype=bool)
    return np.where(condition, a, b), (condition, np.shape(a), np.shape(b))


def where_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """``dout`` goes to ``a`` where the condition holds, to ``b`` elsewhere."""
    condition, a_shape, b_shape = cache
    zero = np.zeros((), dout.dtype)
    return (None, unbroadcast(np.where(condition, dout, zero), a_shape),
            unbroadcast(np.where(condition, zero, dout), b_shape))


def broadcast_maximum_forward(a: np.ndarray, b: np.ndarray) -> tuple:
    """``out = max(a, b)`` elementwise; at a tie the gradient goes to ``a``."""
    return where_forward(a >= b, a, b)


def broadcast_minimum_forward(a: np.ndarray, b: np.ndarray) -> tuple:
    """``out = min(a, b)`` elementwise; at a tie the gradient goes to ``a``."""
    return where_forward(a <= b, a, b)


def selected_backward(dout: np.ndarray, cache: tuple) -> tuple:
    """The backward of :func:`broadcast_maximum_forward` and :func:`broadcast_minimum_forward`: ``(da, db)``."""
    return where_backward(dout, cache)[1:]


def clip_forward(x: np.ndarray, x_min: float, x_max: float) -> tuple:
    """``out = min(max(x, x_min), x_max)``; the gradient passes where ``x`` is inside."""
    return np.clip(x, x_min, x_max), (x >= x_min) & (x <= x_max)


def clip_backward(dout: np.ndarray, cache: np.ndarray) -> tuple:
    return (dout * cache,)


def sin_forward(x: np.ndarray) -> tuple:
    """``out = sin x``."""
    return np.sin(x), x


def sin_backward(dout: np.ndarray, cache: np.ndarray) -> tuple:
    """``dx = dout cos x``."""
    return (dout * np.cos(cache),)


def cos_forward(x: np.ndarray) -> tuple:
    """``out = cos x``."""
    return np.cos(x), x


def cos_backward(dout: np.ndarray, cache: np.ndarray) -> tuple:
    """``dx = -dout sin x``."""
    return (-dout * np.sin(cache),)


def log1p_forward(x: np.ndarray) -> tuple:
    """``out = ln(1 + x)``, accurate for small ``x``."""
    return np.log1p(x), x


def log1p_backward(dout: np.ndarray, cache: np.ndarray) -> tuple:
    """``dx = dout / (1 + x)``."""
    return (dout / (1 + cache),)


def expm1_forward(x: np.ndarray) -> tuple:
    """``out = e ** x - 1``, accurate for small ``x``."""
    out = np.expm1(x)
    return out, out


def expm1_backward(dout: np.ndarray, cache: np.ndarray) -> tuple:
    """``dx = dout e ** x = dout (out + 1)``."""
    return (dout * (cache + 1),)
