"""Two adjacent layers of a model run as one op where ``course.ops`` has the pair for them.

One pattern so far, the block of nearly every image network: ``Conv2D`` (ReLU or no
activation) followed by ``MaxPooling2D((2, 2))``, run by
:func:`course.ops.conv_pool.conv2d_relu_pool_forward`, which pools each image's
convolution while it is still in the CPU's cache (the MNIST convnet's first block: 1.4 ms
-> 0.6 ms forward and backward, batch 32). The two layers stay two layers for everything
else (summary, weights, saving, ``layer(x)``); only a model's ``forward``/``backward``
takes the shortcut, and its numbers and gradients are those of the two layers one after
the other.

A fused pair leaves its caches as ``[Fused(cache), FUSED_ABOVE]``: the first layer's slot
holds the pair's cache, the second's says that its backward is in the first's.
"""

import numpy as np

from course.keras.layers.conv2d import Conv2D
from course.keras.layers.pooling2d import MaxPooling2D
from course.ops.conv_pool import (conv2d_relu_pool_backward, conv2d_relu_pool_forward,
                                  fusable)

FUSED_ABOVE = "fused into the layer below"
"""The cache of the second layer of a fused pair."""


class Fused:
    """The cache of a fused pair, kept in its first layer's slot."""

    __slots__ = ("cache",)

    def __init__(self, cache):
        self.cache = cache


def fuses(first, second, x) -> bool:
    """Whether ``first`` then ``second`` on the inputs ``x`` run as one op: a built-in
    Conv2D (ReLU or linear), then a built-in 2x2 max pooling."""
    return (type(first) is Conv2D and type(second) is MaxPooling2D and first.built
            and isinstance(x, np.ndarray) and x.ndim == 4
            and second.pool_size == (2, 2) and second.strides == (2, 2)
            and second.padding == "valid"
            and fusable(np.result_type(x, first.kernel.value), first.activation))


def forward(conv, x) -> tuple:
    """``(pooled output, Fused cache)`` of ``conv`` and the 2x2 max pooling after it."""
    out, cache = conv2d_relu_pool_forward(
        x, conv.kernel.value, conv.bias.value if conv.use_bias else None, conv.strides,
        conv.padding, conv.dilation_rate, relu=conv.activation == "relu")
    return out, Fused(cache)


def backward(conv, dout, cache, need_dx) -> tuple:
    """``(dx, [dkernel, dbias])`` of the pair, from the gradient of the pooled output."""
    dx, dW, db = conv2d_relu_pool_backward(dout, cache.cache, need_dx)
    return dx, ([dW, db] if conv.use_bias else [dW])
