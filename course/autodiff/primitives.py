"""The operations of the array engines, each a forward/backward pair.

Both engines run on these: :class:`~course.autodiff.tensor.Tensor` applies them at once
(define-by-run), a :class:`~course.autodiff.graph.Graph` records them and a ``Session``
applies them later (define-and-run). The convention is the one of ``course.ops``::

    forward(*arrays, **attrs) -> (out, cache)
    backward(dout, cache)     -> one gradient per array input, in order

with ``None`` for an input that has no gradient (integer labels, for instance). What
``course.ops`` already has (activations, the dense product, softmax cross-entropy) is
taken from there; this file adds the array algebra
(broadcasting arithmetic, reductions, reshapes, indexing) from ``course.ops.arithmetic``,
``array_reductions`` and ``array_layout``, which ``course.keras.ops`` differentiates with too.
"""

from typing import Callable, NamedTuple

import numpy as np

from course.ops.cast import cast_backward, cast_forward
from course.ops.array_layout import (array_reshape_backward, array_reshape_forward,
                                     getitem_backward, getitem_forward, transpose_backward,
                                     transpose_forward)
from course.ops.array_reductions import (extreme_backward, max_forward, mean_backward,
                                         mean_forward, sum_backward, sum_forward)
from course.ops.arithmetic import (broadcast_add_backward, broadcast_add_forward,
                                   divide_backward, divide_forward, exp_backward, exp_forward,
                                   log_backward, log_forward, broadcast_multiply_backward,
                                   broadcast_multiply_forward, negative_backward, negative_forward,
                                   power_backward, power_forward, broadcast_subtract_backward,
                                   broadcast_subtract_forward)
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


# -- softmax cross-entropy, on the fused kernel of course.ops --------------------------------

def matmul_forward(a, b):
    """``out = a @ b``, ``(..., D) @ (D, M) -> (..., M)``, by ``course.ops.dense_forward``."""
    if b.ndim != 2 or a.ndim < 1 or a.shape[-1] != b.shape[0]:
        raise ValueError(f"matmul: cannot multiply shapes {a.shape} and {b.shape} "
                         f"(expected (..., D) @ (D, M))")
    return dense_forward(a, b)


def matmul_backward(dout, cache):
    da, db, _ = dense_backward(dout, cache)
    return da, db


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


def _unary(name, forward, backward):
    """A primitive from a ``course.ops`` pair whose backward returns one array."""
    return Primitive(name, forward, lambda dout, cache: (backward(dout, cache),))


ADD = Primitive("add", broadcast_add_forward, broadcast_add_backward)
SUBTRACT = Primitive("subtract", broadcast_subtract_forward, broadcast_subtract_backward)
MULTIPLY = Primitive("multiply", broadcast_multiply_forward, broadcast_multiply_backward)
DIVIDE = Primitive("divide", divide_forward, divide_backward)
NEGATIVE = Primitive("negative", negative_forward, negative_backward)
POWER = Primitive("power", power_forward, power_backward)
EXP = Primitive("exp", exp_forward, exp_backward)
LOG = Primitive("log", log_forward, log_backward)
MATMUL = Primitive("matmul", matmul_forward, matmul_backward)
SUM = Primitive("sum", sum_forward, sum_backward)
MEAN = Primitive("mean", mean_forward, mean_backward)
MAX = Primitive("max", max_forward, extreme_backward)
RESHAPE = Primitive("reshape", array_reshape_forward, array_reshape_backward)
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
