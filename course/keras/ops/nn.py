"""``keras.ops.nn``: activations, softmax, convolution and one-hot, each on its
``course.ops`` pair and recorded on a tape. (The losses are ``keras.losses``' objects and
functions, recorded as one operation each.)"""

import numpy as np

from course.keras.ops.tape import record, value_of
from course.keras.ops.tensor import as_tensor
from course.ops import activations as act
from course.ops import smooth_activations as smooth
from course.ops.conv import conv2d_backward, conv2d_forward
from course.ops.indexing import one_hot as one_hot_array


def _one_gradient(backward):
    return lambda dout, cache: (backward(dout, cache),)


def _activation(name, forward, backward):
    def op(x):
        return record(name, forward, _one_gradient(backward), (x,))
    op.__name__ = name
    op.__doc__ = f"``{name}(x)`` elementwise (``course.ops.{name}_forward``)."
    return op


relu, sigmoid, tanh, elu, softplus, softsign, silu, selu, relu6, hard_sigmoid, mish = (
    _activation(name, *act.ACTIVATIONS[name])
    for name in ("relu", "sigmoid", "tanh", "elu", "softplus", "softsign", "silu", "selu",
                 "relu6", "hard_sigmoid", "mish"))
swish = silu


def gelu(x, approximate=True):
    """``x * Phi(x)``; ``keras.ops.gelu`` defaults to the tanh approximation."""
    return record("gelu", smooth.gelu_forward, _one_gradient(smooth.gelu_backward), (x,),
                  approximate=approximate)


def leaky_relu(x, negative_slope=0.2):
    """``x`` where positive, ``negative_slope * x`` elsewhere (Keras 3's default 0.2)."""
    return record("leaky_relu", act.leaky_relu_forward, _one_gradient(act.leaky_relu_backward),
                  (x,), alpha=negative_slope)


def softmax(x, axis=-1):
    """``exp(x) / sum(exp(x))`` along ``axis``."""
    return record("softmax", act.softmax_forward, _one_gradient(act.softmax_backward), (x,),
                  axis=axis)


def log_softmax(x, axis=-1):
    """``x - logsumexp(x)`` along ``axis``."""
    return record("log_softmax", act.log_softmax_forward,
                  _one_gradient(act.log_softmax_backward), (x,), axis=axis)


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """2-D convolution, ``(N, H, W, C) * (kh, kw, C, F) -> (N, H', W', F)`` (channels last)."""
    if data_format not in (None, "channels_last"):
        raise ValueError(f"conv: only data_format='channels_last' is supported, got "
                         f"{data_format!r}")
    if np.ndim(value_of(inputs)) != 4:
        raise ValueError(f"conv: expected inputs of shape (N, H, W, C), got shape "
                         f"{np.shape(value_of(inputs))}")
    return record("conv", _conv_forward, _conv_backward, (inputs, kernel), strides=strides,
                  padding=padding, dilation_rate=dilation_rate)


def _conv_forward(x, w, strides, padding, dilation_rate):
    return conv2d_forward(x, w, None, strides, padding, dilation_rate)


def _conv_backward(dout, cache):
    return conv2d_backward(dout, cache)[:2]


def one_hot(x, num_classes, axis=-1, dtype=None):
    """Integer labels ``(N,)`` -> ``(N, num_classes)`` rows of zeros with a one (no gradient)."""
    out = one_hot_array(np.asarray(value_of(x)).astype(np.int64), num_classes)
    out = out.astype(dtype or "float32")
    if axis != -1:
        out = np.moveaxis(out, -1, axis)
    return as_tensor(out)
