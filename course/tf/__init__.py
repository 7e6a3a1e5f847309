"""The stand-in for ``import tensorflow as tf``: TensorFlow 2 (eager, ``tf.keras``,
``tf.GradientTape``) and TensorFlow 1 (graphs, ``tf.Session``) in one namespace.

    import tensorflow as tf         ->  import course.tf as tf

- ``tf.keras`` is :mod:`course.keras`, also as a module path (``from course.tf.keras.layers
  import Dense``, :mod:`course.tf.keras_modules`); ``tf.data`` is :mod:`course.tf.data`.
- ``tf.GradientTape`` records ``keras.ops`` (:mod:`course.keras.ops.tape`); ``tf.Variable``
  is a ``course.keras`` Variable; ``tf.function`` runs the function as it is (eager).
- The functions both versions have (``tf.matmul``, ``tf.reduce_sum``, ``tf.nn.softmax``...)
  build a graph node when given one (a placeholder, a graph Variable, an operation) and
  compute eagerly otherwise (:mod:`course.tf.dispatch`); ``tf.compat.v1`` is TensorFlow 1
  (:mod:`course.autodiff.tf`), and ``tf.Session().run`` also accepts eager tensors.
"""

import functools
from types import SimpleNamespace

from course import keras
from course.autodiff import tf as v1
from course.autodiff.tf import (Graph, InteractiveSession, bool, compat, disable_v2_behavior,  # noqa: F401,A004
                                errors, float16, float32, float64, get_default_graph,
                                get_default_session, global_variables,
                                global_variables_initializer, gradients,
                                initialize_all_variables, int32, int64, placeholder,
                                random_normal, random_uniform, reset_default_graph,
                                set_random_seed, train, trainable_variables, truncated_normal,
                                variables_initializer)
from course.data.pipeline import TensorSpec  # noqa: F401
from course.keras.ops.core import shape as _static_shape
from course.keras.ops.tape import GradientTape  # noqa: F401
from course.keras.ops.tensor import Tensor  # noqa: F401
from course.tf import data, image, strings  # noqa: F401
from course.tf.array_ops import (clip_by_value, concat, expand_dims, fill, one_hot, size,  # noqa: F401
                                 squeeze, stack, where)
from course.tf import eager as E
from course.tf.dispatch import either, enter_graph_mode
from course.tf.keras_modules import install as _install_keras_modules
from course.tf.session import Session  # noqa: F401
from course.tf.variables import Variable  # noqa: F401

newaxis = None
uint8, bool_ = "uint8", bool
string = "string"
"""``tf.string``: the dtype of text (``keras.Input(shape=(1,), dtype=tf.string)``)."""
losses, metrics, optimizers = keras.losses, keras.metrics, keras.optimizers
_install_keras_modules()  # course.tf.keras.layers is course.keras.layers, no copy


def disable_eager_execution():
    """TensorFlow 1 from here on: ``tf.Variable`` makes graph variables."""
    enter_graph_mode()


def function(func=None, **options):
    """``@tf.function`` (with or without arguments): the function runs eagerly as written."""
    if func is None:
        return lambda f: function(f, **options)
    return functools.wraps(func)(lambda *args, **kwargs: func(*args, **kwargs))


def executing_eagerly():
    from course.tf.dispatch import graph_mode_flag
    return not graph_mode_flag()


def shape(input, name=None, out_type=None):  # noqa: A002
    """The shape of ``input`` as an int32 Tensor."""
    return E.constant(list(_static_shape(input)), dtype="int32")


constant = E.constant
convert_to_tensor = E.convert_to_tensor
zeros, ones = E.zeros, E.ones
add = either(v1.add, E.add)
subtract = either(v1.subtract, E.subtract)
multiply = either(v1.multiply, E.multiply)
divide = either(v1.divide, E.divide)
negative = either(v1.negative, E.negative)
square = either(v1.square, E.square)
sqrt = either(v1.sqrt, E.sqrt)
exp = either(v1.exp, E.exp)
log = either(v1.log, E.log)
sigmoid = either(v1.sigmoid, E.sigmoid)
tanh = either(v1.tanh, E.tanh)
matmul = either(v1.matmul, E.matmul)
reduce_sum = either(v1.reduce_sum, E.reduce_sum)
reduce_mean = either(v1.reduce_mean, E.reduce_mean)
reduce_max = either(v1.reduce_max, E.reduce_max)
reduce_min = E.reduce_min
argmax = either(v1.argmax, E.argmax)
equal = either(v1.equal, E.equal)
cast = either(v1.cast, E.cast)
reshape = either(v1.reshape, E.reshape)
transpose = either(v1.transpose, E.transpose)
maximum, minimum, abs = E.maximum, E.minimum, E.abs  # noqa: A001
sin, cos, reduce_std, reduce_variance = E.sin, E.cos, E.reduce_std, E.reduce_variance
reduce_logsumexp, cumsum = E.reduce_logsumexp, E.cumsum

math = SimpleNamespace(
    add=add, subtract=subtract, multiply=multiply, divide=divide, negative=negative,
    square=square, sqrt=sqrt, exp=exp, log=log, sigmoid=sigmoid, tanh=tanh, abs=abs,
    maximum=maximum, minimum=minimum, reduce_sum=reduce_sum, reduce_mean=reduce_mean,
    reduce_max=reduce_max, reduce_min=reduce_min, argmax=argmax, equal=equal,
    greater=E.greater, less=E.less, sin=sin, cos=cos, log1p=E.log1p, expm1=E.expm1,
    reduce_std=reduce_std, reduce_variance=reduce_variance, reduce_logsumexp=reduce_logsumexp,
    cumsum=cumsum, softplus=E.softplus,
)
nn = SimpleNamespace(**{**vars(v1.nn), "relu": either(v1.nn.relu, E.relu),
                        "sigmoid": sigmoid, "tanh": tanh,
                        "softmax": either(v1.nn.softmax, E.softmax),
                        "log_softmax": either(v1.nn.log_softmax, E.log_softmax),
                        "gelu": E.gelu, "softplus": E.softplus, "selu": E.selu, "elu": E.elu,
                        "silu": E.silu, "swish": E.silu, "relu6": E.relu6,
                        "leaky_relu": E.leaky_relu})
io = SimpleNamespace(read_file=image.read_file, decode_image=image.decode_image,
                     decode_png=image.decode_png, decode_jpeg=image.decode_jpeg)
random = SimpleNamespace(normal=E.random_normal, uniform=E.random_uniform,
                         truncated_normal=truncated_normal, set_seed=set_random_seed)
