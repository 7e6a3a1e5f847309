"""``Flatten``, ``Reshape`` and ``ZeroPadding2D``: layers that move values, not change them."""

import math

from course.keras.layers.layer import Layer
from course.ops.padding import padding_amounts, zero_padding2d_backward, zero_padding2d_forward
from course.ops.reshape import (flatten_backward, flatten_forward, reshape_backward,
                                reshape_forward)


class Flatten(Layer):
    """``(N, d1, d2, ...) -> (N, d1 * d2 * ...)``."""

    batch_splittable = True

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        size = None if any(d is None for d in rest) else math.prod(rest)
        return (input_shape[0], size)

    def forward(self, x, training=False):
        return flatten_forward(x)

    def backward(self, dout, cache, need_dx=True):
        return flatten_backward(dout, cache), []


class Reshape(Layer):
    """``Reshape(target_shape)``: ``(N, ...) -> (N, *target_shape)`` (one entry may be -1)."""

    batch_splittable = True

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(int(d) for d in target_shape)

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        target = self.target_shape
        if -1 in target and all(d is not None for d in rest):
            known = math.prod(d for d in target if d != -1)
            size = math.prod(rest)
            if size % known:
                raise ValueError(f'Layer "{self.name}": cannot reshape {tuple(input_shape)} '
                                 f"to {target}")
            target = tuple(size // known if d == -1 else d for d in target)
        elif all(d is not None for d in rest) and math.prod(rest) != math.prod(target):
            raise ValueError(f'Layer "{self.name}": total size of the new shape {target} must '
                             f"equal that of the input {tuple(input_shape)} (without batch)")
        return (input_shape[0],) + target

    def forward(self, x, training=False):
        return reshape_forward(x, self.target_shape)

    def backward(self, dout, cache, need_dx=True):
        return reshape_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "target_shape": list(self.target_shape)}


class ZeroPadding2D(Layer):
    """``ZeroPadding2D(padding=(1, 1))``: zeros around each image, ``(N, H, W, C)``."""

    batch_splittable = True

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.padding = padding_amounts(padding)

    def compute_output_shape(self, input_shape):
        n, h, w, c = input_shape
        (t, b), (l, r) = self.padding
        return (n, None if h is None else h + t + b, None if w is None else w + l + r, c)

    def forward(self, x, training=False):
        return zero_padding2d_forward(x, self.padding)

    def backward(self, dout, cache, need_dx=True):
        return zero_padding2d_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "padding": [list(p) for p in self.padding]}
