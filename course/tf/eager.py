"""TensorFlow 2's eager functions (the beginner tutorials' basics) on ``keras.ops``.

Every result is a :class:`~course.keras.ops.tensor.Tensor` (``.numpy()``, ``.shape``,
``.dtype``), recorded by a ``tf.GradientTape`` that watches its inputs.
"""

import numpy as np

from course.keras import ops
from course.keras.ops.tensor import as_tensor
from course.ops import initializers


def constant(value, dtype=None, shape=None, name=None):
    """A Tensor of ``value`` (Python floats become float32, ints int32, as TF)."""
    t = ops.convert_to_tensor(value, dtype=dtype)
    return as_tensor(np.broadcast_to(t, shape).copy()) if shape is not None else t


def convert_to_tensor(value, dtype=None, dtype_hint=None, name=None):
    return ops.convert_to_tensor(value, dtype=dtype)


def _reduce(fn):
    def reduce(input_tensor, axis=None, keepdims=False, name=None):
        axis = tuple(axis) if isinstance(axis, list) else axis
        return fn(ops.convert_to_tensor(input_tensor), axis=axis, keepdims=bool(keepdims))
    reduce.__name__ = fn.__name__
    return reduce


reduce_sum, reduce_mean = _reduce(ops.sum), _reduce(ops.mean)
reduce_max, reduce_min = _reduce(ops.max), _reduce(ops.min)
reduce_variance, reduce_std = _reduce(ops.var), _reduce(ops.std)
reduce_logsumexp = _reduce(ops.logsumexp)


def _tensors(fn, n=2):
    def op(*args, name=None, **kwargs):
        args = [ops.convert_to_tensor(a) if i < n else a for i, a in enumerate(args)]
        return fn(*args, **kwargs)
    op.__name__ = fn.__name__
    return op


add, subtract, multiply = _tensors(ops.add), _tensors(ops.subtract), _tensors(ops.multiply)
divide, maximum, minimum = _tensors(ops.divide), _tensors(ops.maximum), _tensors(ops.minimum)
equal, greater, less = _tensors(ops.equal), _tensors(ops.greater), _tensors(ops.less)
negative, square, sqrt = _tensors(ops.negative, 1), _tensors(ops.square, 1), _tensors(ops.sqrt, 1)
exp, log, abs = _tensors(ops.exp, 1), _tensors(ops.log, 1), _tensors(ops.abs, 1)  # noqa: A001
sigmoid, tanh, relu = _tensors(ops.sigmoid, 1), _tensors(ops.tanh, 1), _tensors(ops.relu, 1)
sin, cos = _tensors(ops.sin, 1), _tensors(ops.cos, 1)
log1p, expm1 = _tensors(ops.log1p, 1), _tensors(ops.expm1, 1)
softplus, selu, silu = _tensors(ops.softplus, 1), _tensors(ops.selu, 1), _tensors(ops.silu, 1)
elu, relu6 = _tensors(ops.elu, 1), _tensors(ops.relu6, 1)


def gelu(features, approximate=False, name=None):
    """``tf.nn.gelu``: exact (erf) by default."""
    return ops.gelu(ops.convert_to_tensor(features), approximate=approximate)


def leaky_relu(features, alpha=0.2, name=None):
    return ops.leaky_relu(ops.convert_to_tensor(features), negative_slope=alpha)


def cumsum(x, axis=0, name=None):
    """``tf.math.cumsum``: running sums along ``axis`` (TF's default 0)."""
    return ops.cumsum(ops.convert_to_tensor(x), axis=axis)


def matmul(a, b, transpose_a=False, transpose_b=False, name=None):
    a, b = ops.convert_to_tensor(a), ops.convert_to_tensor(b)
    return ops.matmul(ops.transpose(a) if transpose_a else a,
                      ops.transpose(b) if transpose_b else b)


def softmax(logits, axis=-1, name=None):
    return ops.softmax(ops.convert_to_tensor(logits), axis=axis)


def log_softmax(logits, axis=-1, name=None):
    return ops.log_softmax(ops.convert_to_tensor(logits), axis=axis)


def argmax(input, axis=0, output_type="int64", name=None):  # noqa: A002
    """Index of the largest value along ``axis`` (TF's default axis 0)."""
    return ops.cast(ops.argmax(ops.convert_to_tensor(input), axis=axis), output_type)


def cast(x, dtype, name=None):
    return ops.cast(ops.convert_to_tensor(x), dtype)


def reshape(tensor, shape, name=None):
    return ops.reshape(ops.convert_to_tensor(tensor), tuple(shape))


def transpose(a, perm=None, name=None):
    return ops.transpose(ops.convert_to_tensor(a), perm)


def zeros(shape, dtype="float32", name=None):
    return ops.zeros(shape, dtype)


def ones(shape, dtype="float32", name=None):
    return ops.ones(shape, dtype)


def random_normal(shape, mean=0.0, stddev=1.0, dtype="float32", seed=None, name=None):
    """``tf.random.normal``: normal numbers (reproducible when ``seed`` is given)."""
    rng = np.random.default_rng(seed)
    return as_tensor(initializers.random_normal(tuple(shape), rng, np.dtype(dtype), mean, stddev))


def random_uniform(shape, minval=0, maxval=None, dtype="float32", seed=None, name=None):
    """``tf.random.uniform``: uniform on ``[minval, maxval)`` (maxval 1 for floats)."""
    rng, dtype = np.random.default_rng(seed), np.dtype(dtype)
    if dtype.kind != "f":
        return as_tensor(rng.integers(minval, maxval, tuple(shape)).astype(dtype))
    return as_tensor(initializers.random_uniform(tuple(shape), rng, dtype, minval,
                                                 1.0 if maxval is None else maxval))
