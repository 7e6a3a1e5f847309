"""``keras.ops``: array functions with Keras 3's names, differentiated on a tape.

On plain numpy arrays each function returns a plain array. Given a :class:`Tensor` (or a
``course.keras`` Variable) it returns a Tensor; when a :class:`GradientTape` records and an
input is watched, the result remembers the ``course.ops`` backward that differentiates it
(:mod:`course.keras.ops.tape`). ``keras.ops.nn`` holds the activations and ``conv``.
"""

from course.keras.ops import nn  # noqa: F401
from course.keras.ops.crossentropy import (binary_crossentropy,  # noqa: F401
                                           categorical_crossentropy,
                                           sparse_categorical_crossentropy)
from course.keras.ops.core import (cast, convert_to_numpy, convert_to_tensor, dtype,  # noqa: F401
                                   is_tensor, shape, stop_gradient)
from course.keras.ops.nn import (conv, elu, gelu, hard_sigmoid, leaky_relu,  # noqa: F401
                                 log_softmax, mish, one_hot, relu, relu6, selu, sigmoid, silu,
                                 softmax, softplus, softsign, swish, tanh)
from course.keras.ops.numpy import (abs, absolute, add, amax, amin, arange, argmax,  # noqa: F401
                                    argmin, clip, concatenate, cos, cumsum, divide, dot, equal,
                                    exp, expand_dims, expm1, full, getitem, greater,
                                    greater_equal, less, less_equal, log, log1p, logical_and,
                                    logical_or, logsumexp, matmul, max, maximum, mean, min,
                                    minimum, multiply, negative, not_equal, ones, ones_like,
                                    power, reshape, sign, sin, sqrt, square, squeeze, stack, std,
                                    subtract, sum, transpose, true_divide, var, where, zeros,
                                    zeros_like)
from course.keras.ops.tape import GradientTape  # noqa: F401
from course.keras.ops.tensor import Tensor  # noqa: F401
