"""``keras.ops``'s array functions (Keras 3's ``keras/src/ops/numpy.py`` names), recorded
on a tape.

Each function runs the forward of its ``course.ops`` pair through
:func:`~course.keras.ops.tape.record`: on plain arrays it returns a plain array; given a
:class:`~course.keras.ops.tensor.Tensor` or a Variable it returns a Tensor, recorded with
its backward when a tape watches one of the inputs. Numpy's operators and ufuncs on a
Tensor come here too (the table at the end).
"""

import numpy as np

from course.keras.ops.core import convert_to_tensor
from course.keras.ops.tape import record
from course.keras.ops.tensor import FUNCTIONS, METHODS, UFUNCS, as_tensor
from course.ops import array_layout as L
from course.ops import array_reductions as R
from course.ops import array_statistics as S
from course.ops import arithmetic as A
from course.ops.dense import dense_backward, dense_forward
from course.ops.matmul import matmul_backward, matmul_forward


def _no_gradient(fn):
    """A forward for ``record`` from a function with no gradient (a comparison, argmax)."""
    return lambda *values, **attrs: (fn(*values, **attrs), None)


def _binary(name, forward, backward):
    def op(x1, x2):
        return record(name, forward, backward, (x1, x2))
    op.__name__ = name
    op.__doc__ = f"Elementwise ``{name}(x1, x2)`` with numpy's broadcasting."
    return op


def _unary(name, forward, backward):
    def op(x):
        return record(name, forward, backward, (x,))
    op.__name__ = name
    op.__doc__ = f"Elementwise ``{name}(x)``."
    return op


add = _binary("add", A.broadcast_add_forward, A.broadcast_add_backward)
subtract = _binary("subtract", A.broadcast_subtract_forward, A.broadcast_subtract_backward)
multiply = _binary("multiply", A.broadcast_multiply_forward, A.broadcast_multiply_backward)
divide = _binary("divide", A.divide_forward, A.divide_backward)
true_divide = divide
maximum = _binary("maximum", A.broadcast_maximum_forward, A.selected_backward)
minimum = _binary("minimum", A.broadcast_minimum_forward, A.selected_backward)
negative = _unary("negative", A.negative_forward, A.negative_backward)
exp = _unary("exp", A.exp_forward, A.exp_backward)
log = _unary("log", A.log_forward, A.log_backward)
sqrt = _unary("sqrt", A.sqrt_forward, A.sqrt_backward)
absolute = _unary("absolute", A.abs_forward, A.abs_backward)
abs = absolute  # noqa: A001  (Keras's name)
sin = _unary("sin", A.sin_forward, A.sin_backward)
cos = _unary("cos", A.cos_forward, A.cos_backward)
log1p = _unary("log1p", A.log1p_forward, A.log1p_backward)
expm1 = _unary("expm1", A.expm1_forward, A.expm1_backward)


def power(x1, x2):
    """``x1 ** x2`` for a number ``x2``."""
    return record("power", A.power_forward, A.power_backward, (x1,), exponent=x2)


def square(x):
    """``x ** 2``."""
    return power(x, 2)


def matmul(x1, x2):
    """``(..., N, K) @ (..., K, M) -> (..., N, M)`` with numpy's broadcasting of the batch
    axes; ``(..., D) @ (D, M)`` runs the layers' ``course.ops.dense_forward``."""
    x1, x2 = (convert_to_tensor(x) if isinstance(x, (list, tuple)) else x for x in (x1, x2))
    if np.ndim(x2) == 2 and np.ndim(x1) >= 1 and np.shape(x1)[-1] == np.shape(x2)[0]:
        return record("matmul", dense_forward, _dense_backward, (x1, x2))
    return record("matmul", matmul_forward, matmul_backward, (x1, x2))


def _dense_backward(dout, cache):
    return dense_backward(dout, cache)[:2]


dot = matmul


def where(condition, x1, x2):
    """``x1`` where ``condition`` is true, else ``x2`` (broadcast)."""
    return record("where", A.where_forward, A.where_backward, (condition, x1, x2))


def clip(x, x_min, x_max):
    """``x`` limited to ``[x_min, x_max]``."""
    return record("clip", A.clip_forward, A.clip_backward, (x,), x_min=x_min, x_max=x_max)


# -- reductions ----------------------------------------------------------------------------

def sum(x, axis=None, keepdims=False):  # noqa: A001
    """Sum over ``axis`` (None: every axis)."""
    return record("sum", R.sum_forward, R.sum_backward, (x,), axis=axis, keepdims=keepdims)


def mean(x, axis=None, keepdims=False):
    """Mean over ``axis`` (None: every axis)."""
    return record("mean", R.mean_forward, R.mean_backward, (x,), axis=axis, keepdims=keepdims)


def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    """Maximum over ``axis``; tied maxima share the gradient."""
    return record("max", R.max_forward, R.extreme_backward, (x,), axis=axis, keepdims=keepdims)


def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    """Minimum over ``axis``; tied minima share the gradient."""
    return record("min", R.min_forward, R.extreme_backward, (x,), axis=axis, keepdims=keepdims)


amax, amin = max, min


def var(x, axis=None, keepdims=False):
    """Variance over ``axis`` (the population variance, dividing by ``n``)."""
    return record("var", S.var_forward, S.var_backward, (x,), axis=axis, keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    """Standard deviation over ``axis``: ``sqrt(var(x))``."""
    return sqrt(var(x, axis=axis, keepdims=keepdims))


def logsumexp(x, axis=None, keepdims=False):
    """``log(sum(exp(x)))`` over ``axis``, never overflowing."""
    return record("logsumexp", S.logsumexp_forward, S.logsumexp_backward, (x,), axis=axis,
                  keepdims=keepdims)


def cumsum(x, axis=None, dtype=None):
    """Running sums along ``axis`` (None: of the flattened array)."""
    return record("cumsum", S.cumsum_forward, S.cumsum_backward, (x,), axis=axis)


def argmax(x, axis=None, keepdims=False):
    """Index of the largest element along ``axis`` (int64; no gradient)."""
    return record("argmax", _no_gradient(np.argmax), None, (x,), axis=axis, keepdims=keepdims)


def argmin(x, axis=None, keepdims=False):
    """Index of the smallest element along ``axis`` (int64; no gradient)."""
    return record("argmin", _no_gradient(np.argmin), None, (x,), axis=axis, keepdims=keepdims)


# -- layout --------------------------------------------------------------------------------

def reshape(x, newshape):
    """``x`` with shape ``newshape`` (one -1 allowed)."""
    shape = (newshape,) if isinstance(newshape, int) else tuple(newshape)
    return record("reshape", L.array_reshape_forward, L.array_reshape_backward, (x,),
                  shape=shape)


def transpose(x, axes=None):
    """``x`` with its axes permuted (None: reversed)."""
    return record("transpose", L.transpose_forward, L.transpose_backward, (x,),
                  axes=None if axes is None else tuple(axes))


def expand_dims(x, axis):
    """``x`` with a new axis of length 1 at ``axis``."""
    return reshape(x, np.expand_dims(np.empty(np.shape(x), bool), axis).shape)


def squeeze(x, axis=None):
    """``x`` without its axes of length 1 (or only ``axis``)."""
    return reshape(x, np.squeeze(np.empty(np.shape(x), bool), axis).shape)


def getitem(x, index):
    """``x[index]``, recorded (what ``tensor[index]`` runs)."""
    index = tuple(np.asarray(i) if hasattr(i, "_tape_node") else i for i in index) \
        if isinstance(index, tuple) else (np.asarray(index) if hasattr(index, "_tape_node")
                                          else index)
    return record("getitem", L.getitem_forward, L.getitem_backward, (x,), index=index)


def concatenate(xs, axis=0):
    """The arrays ``xs`` joined along ``axis``."""
    def forward(*values, axis):
        return np.concatenate(values, axis=axis), ([np.shape(v)[axis] for v in values], axis)

    def backward(dout, cache):
        sizes, ax = cache
        return np.split(dout, np.cumsum(sizes)[:-1], axis=ax)
    return record("concatenate", forward, backward, tuple(xs), axis=axis)


def stack(x, axis=0):
    """Arrays of one shape joined along a new ``axis``."""
    return record("stack", L.stack_forward, L.stack_backward, tuple(x), axis=axis)


# -- comparisons and constructors (no gradient) ------------------------------------------

def _compare(name, fn):
    def op(x1, x2):
        return record(name, _no_gradient(fn), None, (x1, x2))
    op.__name__ = name
    op.__doc__ = f"Elementwise ``{name}`` (bool, no gradient)."
    return op


equal = _compare("equal", np.equal)
not_equal = _compare("not_equal", np.not_equal)
greater = _compare("greater", np.greater)
greater_equal = _compare("greater_equal", np.greater_equal)
less = _compare("less", np.less)
less_equal = _compare("less_equal", np.less_equal)
logical_and = _compare("logical_and", np.logical_and)
logical_or = _compare("logical_or", np.logical_or)


def sign(x):
    """-1, 0 or 1 (no gradient)."""
    return record("sign", _no_gradient(np.sign), None, (x,))


def zeros(shape, dtype=None):
    """A Tensor of zeros (float32 by default)."""
    return as_tensor(np.zeros(shape, dtype or "float32"))


def ones(shape, dtype=None):
    """A Tensor of ones (float32 by default)."""
    return as_tensor(np.ones(shape, dtype or "float32"))


def full(shape, fill_value, dtype=None):
    """A Tensor filled with ``fill_value``."""
    return as_tensor(np.full(shape, fill_value, dtype or "float32"))


def zeros_like(x, dtype=None):
    return as_tensor(np.zeros(np.shape(x), dtype or np.asarray(x).dtype))


def ones_like(x, dtype=None):
    return as_tensor(np.ones(np.shape(x), dtype or np.asarray(x).dtype))


def arange(start, stop=None, step=1, dtype=None):
    return as_tensor(np.arange(start, stop, step, dtype=dtype))


UFUNCS.update({np.add: add, np.subtract: subtract, np.multiply: multiply,
               np.true_divide: divide, np.negative: negative, np.exp: exp, np.log: log,
               np.sqrt: sqrt, np.absolute: absolute, np.maximum: maximum,
               np.minimum: minimum, np.matmul: matmul, np.square: square,
               np.power: lambda x1, x2: power(x1, x2), np.sin: sin, np.cos: cos,
               np.log1p: log1p, np.expm1: expm1})
def _reduction(fn):
    """A numpy reduction's signature (``dtype``, ``out``... ignored) on ``fn``."""
    return lambda a, axis=None, *args, keepdims=False, **kwargs: fn(a, axis, keepdims)


FUNCTIONS.update({np.sum: _reduction(sum), np.mean: _reduction(mean),
                  np.max: _reduction(max), np.min: _reduction(min),
                  np.amax: _reduction(max), np.amin: _reduction(min), np.reshape: reshape, np.transpose: transpose,
                  np.expand_dims: expand_dims, np.squeeze: squeeze,
                  np.concatenate: concatenate, np.stack: stack,
                  np.where: lambda c, *xs: where(c, *xs) if xs else np.nonzero(np.asarray(c)),
                  np.clip: lambda a, a_min, a_max, **k: clip(a, a_min, a_max),
                  np.dot: matmul, np.var: _reduction(var), np.std: _reduction(std),
                  np.cumsum: lambda a, axis=None, *args, **kwargs: cumsum(a, axis)})
METHODS.update(sum=sum, mean=mean, max=max, min=min, reshape=reshape, transpose=transpose,
               getitem=getitem, var=var, std=std, cumsum=cumsum)
