"""TensorFlow 1, the part a multilayer-perceptron script uses, on the course's graph engine.

A TensorFlow 1 script runs after one line changes::

    import tensorflow as tf                  ->  import course.autodiff.tf as tf
    import tensorflow.compat.v1 as tf        ->  import course.autodiff.tf as tf
    tf.disable_v2_behavior()                     (still works: a no-op)

The names and signatures are TensorFlow's (``tf.placeholder``, ``tf.Variable``,
``tf.matmul``, ``tf.nn.softmax_cross_entropy_with_logits``, ``tf.train.AdamOptimizer``,
``tf.Session``...); the work is done by :mod:`course.autodiff.graph`, ``session`` and
``train``, whose operations are ``course.ops``'s. What differs from TensorFlow:

- dtypes are numpy dtypes (``tf.float32 is np.dtype("float32")``);
- the static shape of an operation's result is not inferred (``shape`` is None);
- no gradient flows into the labels of the softmax cross-entropies (TensorFlow 1's
  behaviour; ``_v2`` would let it flow);
- anything not listed in this file is missing (no ``tf.layers``, ``tf.data``, no
  control flow, no ``tf.nn.dropout``).
"""

import sys
from types import SimpleNamespace

import numpy as np

from course.autodiff import primitives as P
from course.autodiff.errors import FailedPreconditionError, InvalidArgumentError
from course.autodiff.graph import (Constant, Graph, Node, Operation, RandomOp, as_dtype, as_node,
                                   binary, get_default_graph, gradients, placeholder,
                                   reset_default_graph, set_random_seed)
from course.autodiff.session import InteractiveSession, Session, get_default_session
from course.autodiff.train import (AdamOptimizer, GradientDescentOptimizer,
                                   MomentumOptimizer, RMSPropOptimizer)
from course.autodiff.variables import (Variable, global_variables_initializer,
                                       variables_initializer)
from course.ops import initializers

__all__ = [
    "Graph", "Session", "InteractiveSession", "Variable", "get_default_graph",
    "get_default_session", "reset_default_graph", "set_random_seed", "placeholder",
    "constant", "zeros", "ones", "random_normal", "truncated_normal", "random_uniform",
    "matmul", "add", "subtract", "multiply", "divide", "negative", "square", "sqrt", "exp",
    "log", "sigmoid", "tanh", "reduce_sum", "reduce_mean", "reduce_max", "argmax", "equal",
    "cast", "reshape", "transpose", "gradients", "global_variables_initializer",
    "initialize_all_variables", "variables_initializer", "global_variables",
    "trainable_variables", "disable_v2_behavior", "disable_eager_execution",
    "float16", "float32", "float64", "int32", "int64", "bool", "nn", "train", "random",
    "errors", "compat",
]

float16, float32, float64 = np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64)
int32, int64 = np.dtype(np.int32), np.dtype(np.int64)


def disable_v2_behavior():
    """A no-op: this module is TensorFlow 1 already."""


def disable_eager_execution():
    """A no-op: graphs here are always built first and run later."""


# -- graph inputs ------------------------------------------------------------------------------

def zeros(shape, dtype=float32, name="zeros"):
    return Constant(np.zeros(shape, as_dtype(dtype)), name=name)


def ones(shape, dtype=float32, name="ones"):
    return Constant(np.ones(shape, as_dtype(dtype)), name=name)


def global_variables():
    return list(get_default_graph().variables)


def trainable_variables():
    return [v for v in get_default_graph().variables if v.trainable]


constant = Constant
initialize_all_variables = global_variables_initializer


# -- random numbers: new ones at every run, reproducible under tf.set_random_seed ---------------

def random_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None):
    """Normal numbers, ``mean + stddev * N(0, 1)``."""
    shape, dtype = tuple(shape), as_dtype(dtype)

    def sample(rng):
        return initializers.random_normal(shape, rng, dtype, mean, stddev)

    return RandomOp(sample, shape, dtype, seed, name or "random_normal")


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None):
    """Normal numbers, redrawn where more than two standard deviations from the mean."""
    shape, dtype = tuple(shape), as_dtype(dtype)

    def sample(rng):
        return mean + initializers._truncated_normal(rng, shape, stddev, dtype)

    return RandomOp(sample, shape, dtype, seed, name or "truncated_normal")


def random_uniform(shape, minval=0, maxval=None, dtype=float32, seed=None, name=None):
    """Uniform on ``[minval, maxval)``; ``maxval`` defaults to 1 for floats, integers need it."""
    shape, dtype = tuple(shape), as_dtype(dtype)
    if dtype.kind != "f" and maxval is None:
        raise ValueError(f"random_uniform of dtype {dtype} needs maxval")

    def sample(rng):
        if dtype.kind == "f":
            return initializers.random_uniform(shape, rng, dtype, minval,
                                               1.0 if maxval is None else maxval)
        return rng.integers(minval, maxval, shape).astype(dtype)

    return RandomOp(sample, shape, dtype, seed, name or "random_uniform")


# -- arithmetic ----------------------------------------------------------------------------------

def add(x, y, name=None):
    return binary(P.ADD, x, y, name=name)


def subtract(x, y, name=None):
    return binary(P.SUBTRACT, x, y, name=name)


def multiply(x, y, name=None):
    return binary(P.MULTIPLY, x, y, name=name)


def divide(x, y, name=None):
    return binary(P.DIVIDE, x, y, name=name)


def negative(x, name=None):
    return Operation(P.NEGATIVE, (as_node(x),), name=name)


def square(x, name=None):
    return Operation(P.POWER, (as_node(x),), {"exponent": 2}, name=name or "square")


def sqrt(x, name=None):
    return Operation(P.POWER, (as_node(x),), {"exponent": 0.5}, name=name or "sqrt")


def exp(x, name=None):
    return Operation(P.EXP, (as_node(x),), name=name)


def log(x, name=None):
    return Operation(P.LOG, (as_node(x),), name=name)


def sigmoid(x, name=None):
    return Operation(P.SIGMOID, (as_node(x),), name=name)


def tanh(x, name=None):
    return Operation(P.TANH, (as_node(x),), name=name)


def matmul(a, b, transpose_a=False, transpose_b=False, name=None):
    """``a @ b`` for ``a`` ``(..., D)`` and ``b`` ``(D, M)`` (optionally transposed first)."""
    a, b = as_node(a), as_node(b)
    a = transpose(a) if transpose_a else a
    b = transpose(b) if transpose_b else b
    return Operation(P.MATMUL, (a, b), name=name)


# -- reductions, comparisons, shapes --------------------------------------------------------------

def _reduction(primitive, x, axis, keepdims, reduction_indices, keep_dims, name):
    axis = reduction_indices if axis is None else axis
    axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    keepdims = True if keepdims or keep_dims else False  # ``bool`` is tf.bool in this module
    return Operation(primitive, (as_node(x),), {"axis": axis, "keepdims": keepdims}, name=name)


def reduce_sum(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    """Sum over ``axis`` (None: every axis)."""
    return _reduction(P.SUM, input_tensor, axis, keepdims, reduction_indices, keep_dims, name)


def reduce_mean(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
                keep_dims=None):
    """Mean over ``axis`` (None: every axis)."""
    return _reduction(P.MEAN, input_tensor, axis, keepdims, reduction_indices, keep_dims, name)


def reduce_max(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    """Maximum over ``axis`` (None: every axis)."""
    return _reduction(P.MAX, input_tensor, axis, keepdims, reduction_indices, keep_dims, name)


def argmax(input, axis=None, name=None, dimension=None, output_type=int64):  # noqa: A002
    """Index of the largest value along ``axis`` (TensorFlow 1's default axis is 0)."""
    axis = (0 if dimension is None else dimension) if axis is None else axis
    index = Operation(P.ARGMAX, (as_node(input),), {"axis": axis}, dtype=int64, name=name)
    return index if as_dtype(output_type) == int64 else cast(index, output_type)


def equal(x, y, name=None):
    """Elementwise ``x == y``, a bool node."""
    return binary(P.EQUAL, x, y, dtype=np.dtype(np.bool_), name=name)


def cast(x, dtype, name=None):
    """``x`` converted to ``dtype`` (``"float"`` is float32, as in TensorFlow)."""
    dtype = as_dtype(dtype)
    return Operation(P.CAST, (as_node(x),), {"dtype": dtype}, dtype=dtype, name=name or "Cast")


def reshape(tensor, shape, name=None):
    return Operation(P.RESHAPE, (as_node(tensor),), {"shape": tuple(shape)}, name=name)


def transpose(a, perm=None, name=None):
    perm = None if perm is None else tuple(perm)
    return Operation(P.TRANSPOSE, (as_node(a),), {"axes": perm}, name=name)


# -- tf.nn ----------------------------------------------------------------------------------------

def _relu(features, name=None):
    return Operation(P.RELU, (as_node(features),), name=name)


def _softmax(logits, axis=None, name=None, dim=None):
    axis = (-1 if dim is None else dim) if axis is None else axis
    return Operation(P.SOFTMAX, (as_node(logits),), {"axis": axis}, name=name)


def _log_softmax(logits, axis=None, name=None, dim=None):
    axis = (-1 if dim is None else dim) if axis is None else axis
    return Operation(P.LOG_SOFTMAX, (as_node(logits),), {"axis": axis}, name=name)


def _cross_entropy(labels, logits, axis, name):
    """Per-example cross-entropy ``(N,)`` of ``softmax(logits)``, on the fused kernel."""
    if labels is None or logits is None:
        raise ValueError("pass labels= and logits= by name")
    if axis not in (-1, 1):
        raise ValueError(f"the classes must lie along the last axis of (N, K) logits, "
                         f"got axis={axis}")
    logits = as_node(logits)
    if not isinstance(labels, Node):  # integer classes stay integers, targets take logits' dtype
        labels = Constant(labels, logits.dtype if np.asarray(labels).dtype.kind == "f" else None)
    return Operation(P.SOFTMAX_CROSS_ENTROPY_PER_EXAMPLE, (logits, labels), dtype=logits.dtype,
                     name=name or "softmax_cross_entropy_with_logits")


def _softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, dim=-1,
                                       name=None, axis=None):
    return _cross_entropy(labels, logits, dim if axis is None else axis, name)


def _softmax_cross_entropy_with_logits_v2(labels, logits, axis=None, name=None, dim=None):
    return _cross_entropy(labels, logits, (-1 if dim is None else dim) if axis is None else axis,
                          name)


def _sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None,
                                              name=None):
    """Integer class labels ``(N,)`` against logits ``(N, K)``: the loss per example ``(N,)``."""
    return _cross_entropy(labels, logits, -1, name)


nn = SimpleNamespace(
    relu=_relu, sigmoid=sigmoid, tanh=tanh, softmax=_softmax, log_softmax=_log_softmax,
    softmax_cross_entropy_with_logits=_softmax_cross_entropy_with_logits,
    softmax_cross_entropy_with_logits_v2=_softmax_cross_entropy_with_logits_v2,
    sparse_softmax_cross_entropy_with_logits=_sparse_softmax_cross_entropy_with_logits,
)
train = SimpleNamespace(
    GradientDescentOptimizer=GradientDescentOptimizer, AdamOptimizer=AdamOptimizer,
    MomentumOptimizer=MomentumOptimizer, RMSPropOptimizer=RMSPropOptimizer,
)
random = SimpleNamespace(
    normal=random_normal, uniform=random_uniform, truncated_normal=truncated_normal,
    set_seed=set_random_seed,
)
errors = SimpleNamespace(
    InvalidArgumentError=InvalidArgumentError, FailedPreconditionError=FailedPreconditionError,
)
compat = SimpleNamespace(v1=sys.modules[__name__])

bool = np.dtype(np.bool_)  # noqa: A001  (last: the builtin is not used below)
