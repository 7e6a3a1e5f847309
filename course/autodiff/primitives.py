"""The operations of the array engines, each a forward/backward pair.

Both engines run on these: :class:`~course.autodiff.tensor.Tensor` applies them at once
(define-by-run), a :class:`~course.autodiff.graph.Graph` records them and a ``Session``
applies them later (define-and-run). The convention is the one of ``course.ops``::

    forward(*arrays, **attrs) -> (out, cache)
    backward(dout, cache)     -> one gradient per array input, in order

with ``None`` for an input that has no gradient (integer labels, for instance). What
``course.ops`` already has (activations, the dense product, softmax cross-entropy) is
taken from there; this file adds the array algebra that a layer library does not need as
an operation of its own: broadcasting arithmetic, reductions, reshapes, indexing.

Broadcasting: when numpy stretches an operand of shape ``(3, 1)`` against one of shape
``(1, 4)``, each of its elements is used 4 times, so its gradient is the sum of the 4
upstream gradients: :func:`unbroadcast` sums over the stretched axes.
"""

from typing import Callable, NamedTuple

import numpy as np

from course.ops import (dense_backward, dense_forward, log_softmax_backward,
                        log_softmax_forward, relu_backward, relu_forward, sigmoid_backward,
                        sigmoid_forward, softmax_backward, softmax_cross_entropy_backward,
                        softmax_cross_entropy_forward, softmax_forward, tanh_backward,
                        tanh_forward)


class Primitive(NamedTuple):
    """An operation: its name, its forward, and its backward (None: no gradient)."""

    name: str
    forward: Callable
    backward: Callable | None


def unbroadcast(grad, shape):
    """Sum ``grad`` over the axes that broadcasting added or stretched, back to ``shape``.

    ``grad`` has the broadcast shape (e.g. ``(N, D)``); ``shape`` is the operand's own
    (e.g. ``(D,)`` or ``(N, 1)``). Leading axes are summed away, axes of length 1 summed
    with ``keepdims``.
    """
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    return grad


def _axes(axis, ndim):
    """``axis`` (None, an int or a tuple, possibly negative) -> a tuple of axes >= 0."""
    if axis is None:
        return tuple(range(ndim))
    return tuple(a % ndim for a in (axis if isinstance(axis, tuple) else (axis,)))


def _unreduce(dout, shape, axis, keepdims):
    """Give a reduction's upstream gradient back its reduced axes, shape ``shape``."""
    if not keepdims:
        dout = np.expand_dims(dout, _axes(axis, len(shape)))
    return np.broadcast_to(dout, shape)


# -- elementwise arithmetic, with broadcasting ----------------------------------------------

def add_forward(a, b):
    """``out = a + b`` (broadcast)."""
    return a + b, (a.shape, b.shape)


def add_backward(dout, cache):
    a_shape, b_shape = cache
    return unbroadcast(dout, a_shape), unbroadcast(dout, b_shape)


def subtract_forward(a, b):
    """``out = a - b`` (broadcast)."""
    return a - b, (a.shape, b.shape)


def subtract_backward(dout, cache):
    a_shape, b_shape = cache
    return unbroadcast(dout, a_shape), unbroadcast(-dout, b_shape)


def multiply_forward(a, b):
    """``out = a * b`` (broadcast)."""
    return a * b, (a, b)


def multiply_backward(dout, cache):
    a, b = cache
    return unbroadcast(dout * b, a.shape), unbroadcast(dout * a, b.shape)


def divide_forward(a, b):
    """``out = a / b`` (broadcast)."""
    out = a / b
    return out, (a.shape, b, out)


def divide_backward(dout, cache):
    """``da = dout / b``, ``db = -dout * a / b**2 = -dout * out / b``."""
    a_shape, b, out = cache
    da = dout / b
    return unbroadcast(da, a_shape), unbroadcast(-da * out, b.shape)


def negative_forward(x):
    """``out = -x``."""
    return -x, None


def negative_backward(dout, cache):
    return (-dout,)


def power_forward(x, exponent):
    """``out = x ** exponent`` for a number ``exponent``."""
    return x ** exponent, (x, exponent)


def power_backward(dout, cache):
    """``dx = dout * p * x ** (p - 1)``."""
    x, p = cache
    return (dout * p * x ** (p - 1),)


def exp_forward(x):
    """``out = e ** x``."""
    out = np.exp(x)
    return out, out


def exp_backward(dout, cache):
    return (dout * cache,)


def log_forward(x):
    """``out = ln x``."""
    return np.log(x), x


def log_backward(dout, cache):
    return (dout / cache,)


# -- products, reductions, shapes -----------------------------------------------------------

def matmul_forward(a, b):
    """``out = a @ b``, ``(..., D) @ (D, M) -> (..., M)``, by ``course.ops.dense_forward``."""
    if b.ndim != 2 or a.ndim < 1 or a.shape[-1] != b.shape[0]:
        raise ValueError(f"matmul: cannot multiply shapes {a.shape} and {b.shape} "
                         f"(expected (..., D) @ (D, M))")
    return dense_forward(a, b)


def matmul_backward(dout, cache):
    da, db, _ = dense_backward(dout, cache)
    return da, db


def sum_forward(x, axis=None, keepdims=False):
    """Sum over ``axis`` (None: all axes)."""
    return x.sum(axis=axis, keepdims=keepdims), (x.shape, axis, keepdims)


def sum_backward(dout, cache):
    """Every summed element receives the upstream gradient of its sum."""
    shape, axis, keepdims = cache
    return (_unreduce(dout, shape, axis, keepdims),)


def mean_forward(x, axis=None, keepdims=False):
    """Mean over ``axis`` (None: all axes); of integers, truncated to an integer as in TF."""
    out = x.mean(axis=axis, keepdims=keepdims)
    if x.dtype.kind in "iu":
        out = np.trunc(out).astype(x.dtype)
    return out, (x.shape, axis, keepdims, x.size // max(np.size(out), 1))


def mean_backward(dout, cache):
    """As the sum, divided by the number ``n`` of averaged elements."""
    shape, axis, keepdims, n = cache
    return (_unreduce(dout / n, shape, axis, keepdims),)


def max_forward(x, axis=None, keepdims=False):
    """Maximum over ``axis``."""
    top = x.max(axis=axis, keepdims=True)
    winners = x == top
    share = winners / winners.sum(axis=axis, keepdims=True)
    out = top if keepdims else np.squeeze(top, axis=_axes(axis, x.ndim))
    return out, (share.astype(x.dtype), axis, keepdims)


def max_backward(dout, cache):
    """The gradient goes to the maximal element; ties share it equally (as TensorFlow)."""
    share, axis, keepdims = cache
    return (_unreduce(dout, share.shape, axis, keepdims) * share,)


def reshape_forward(x, shape):
    """``out = x.reshape(shape)``."""
    return x.reshape(shape), x.shape


def reshape_backward(dout, cache):
    return (dout.reshape(cache),)


def transpose_forward(x, axes=None):
    """``out = x.transpose(axes)`` (None: reverse the axes)."""
    return x.transpose(axes), axes


def transpose_backward(dout, cache):
    """Transpose back by the inverse permutation."""
    return (dout.transpose(None if cache is None else np.argsort(cache)),)


def getitem_forward(x, index):
    """``out = x[index]`` (basic or integer-array indexing)."""
    return x[index], (x.shape, index)


def getitem_backward(dout, cache):
    """Scatter-add into zeros: an element picked twice gets both gradients."""
    shape, index = cache
    dx = np.zeros(shape, dout.dtype)
    np.add.at(dx, index, dout)
    return (dx,)


# -- softmax cross-entropy, on the fused kernel of course.ops --------------------------------

def softmax_cross_entropy_per_example_forward(logits, labels):
    """Cross-entropy of ``softmax(logits)`` per example: ``(N, K) -> (N,)``.

    ``labels`` are integer classes ``(N,)`` or one-hot/soft targets ``(N, K)``. The fused
    kernel gives ``p = softmax(x)``; the per-example loss is
    ``sum(y) * logsumexp(x) - y . x`` with ``logsumexp(x) = x_j - log p_j`` taken at the
    largest ``p_j`` (at least ``1/K``, so its log is exact).
    """
    _, cache = softmax_cross_entropy_forward(y_true=labels, logits=logits)
    probs, y, _, sparse = cache
    rows = np.arange(probs.shape[0])
    top = probs.argmax(axis=1)
    lse = logits[rows, top] - np.log(probs[rows, top])
    if sparse:
        loss = lse - logits[rows, y]
    else:
        loss = y.sum(axis=1) * lse - (y * logits).sum(axis=1)
    return loss.astype(logits.dtype, copy=False), cache


def softmax_cross_entropy_per_example_backward(dloss, cache):
    """``dlogits[i] = dloss[i] * (p[i] * sum(y[i]) - y[i])``; no gradient for the labels.

    ``softmax_cross_entropy_backward`` scales row ``i`` by ``weights[i] * dloss / N``;
    with the per-example upstream gradients as the weights and ``dloss = N`` this is the
    rule above, computed by the same fused kernel.
    """
    probs, y, _, sparse = cache
    weights = np.ascontiguousarray(dloss, dtype=probs.dtype)
    return softmax_cross_entropy_backward(probs.shape[0], (probs, y, weights, sparse)), None


def softmax_cross_entropy_mean_forward(logits, labels):
    """Mean cross-entropy of ``softmax(logits)``, ``(N, K)`` -> ``()``: ``course.ops``'s pair."""
    return softmax_cross_entropy_forward(y_true=labels, logits=logits)


def softmax_cross_entropy_mean_backward(dloss, cache):
    """``dlogits``, ``(N, K)``, by ``course.ops``; no gradient for the labels."""
    return softmax_cross_entropy_backward(dloss, cache), None


# -- no gradient: comparisons and conversions ------------------------------------------------

def argmax_forward(x, axis):
    """Index of the largest element along ``axis`` (int64)."""
    return np.argmax(x, axis=axis), None


def equal_forward(a, b):
    """Elementwise ``a == b`` (bool)."""
    return np.equal(a, b), None


def cast_forward(x, dtype):
    """``x`` converted to ``dtype``; the cache is ``x``'s dtype."""
    return x.astype(dtype), x.dtype


def cast_backward(dout, cache):
    """``dx = dout`` converted back to ``x``'s dtype (for a cast between float dtypes)."""
    return (dout.astype(cache),)


def _unary(name, forward, backward):
    """A primitive from a ``course.ops`` pair whose backward returns one array."""
    return Primitive(name, forward, lambda dout, cache: (backward(dout, cache),))


ADD = Primitive("add", add_forward, add_backward)
SUBTRACT = Primitive("subtract", subtract_forward, subtract_backward)
MULTIPLY = Primitive("multiply", multiply_forward, multiply_backward)
DIVIDE = Primitive("divide", divide_forward, divide_backward)
NEGATIVE = Primitive("negative", negative_forward, negative_backward)
POWER = Primitive("power", power_forward, power_backward)
EXP = Primitive("exp", exp_forward, exp_backward)
LOG = Primitive("log", log_forward, log_backward)
MATMUL = Primitive("matmul", matmul_forward, matmul_backward)
SUM = Primitive("sum", sum_forward, sum_backward)
MEAN = Primitive("mean", mean_forward, mean_backward)
MAX = Primitive("max", max_forward, max_backward)
RESHAPE = Primitive("reshape", reshape_forward, reshape_backward)
TRANSPOSE = Primitive("transpose", transpose_forward, transpose_backward)
GETITEM = Primitive("getitem", getitem_forward, getitem_backward)
RELU = _unary("relu", relu_forward, relu_backward)
SIGMOID = _unary("sigmoid", sigmoid_forward, sigmoid_backward)
TANH = _unary("tanh", tanh_forward, tanh_backward)
SOFTMAX = _unary("softmax", softmax_forward, softmax_backward)
LOG_SOFTMAX = _unary("log_softmax", log_softmax_forward, log_softmax_backward)
SOFTMAX_CROSS_ENTROPY = Primitive(
    "softmax_cross_entropy", softmax_cross_entropy_mean_forward,
    softmax_cross_entropy_mean_backward)
SOFTMAX_CROSS_ENTROPY_PER_EXAMPLE = Primitive(
    "softmax_cross_entropy_per_example", softmax_cross_entropy_per_example_forward,
    softmax_cross_entropy_per_example_backward)
ARGMAX = Primitive("argmax", argmax_forward, None)
EQUAL = Primitive("equal", equal_forward, None)
CAST = Primitive("cast", cast_forward, cast_backward)
CAST_NO_GRADIENT = Primitive("cast", cast_forward, None)
"""A cast from or to an integer or bool dtype: TensorFlow gives no gradient through it."""
