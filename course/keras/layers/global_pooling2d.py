"""``GlobalAveragePooling2D`` and ``GlobalMaxPooling2D``: ``(N, H, W, C) -> (N, C)``."""

from course.keras.layers.layer import Layer
from course.ops.pooling import (global_average_pool2d_backward, global_average_pool2d_forward,
                                global_max_pool2d_backward, global_max_pool2d_forward)


class _GlobalPooling2D(Layer):
    pair = None

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        self.keepdims = keepdims

    def build(self, input_shape):
        if len(input_shape) != 4:
            raise ValueError(f'Input 0 of layer "{self.name}" is incompatible with the layer: '
                             f"expected ndim=4 (N, H, W, C), found shape {tuple(input_shape)}")

    def compute_output_shape(self, input_shape):
        n, c = input_shape[0], input_shape[-1]
        return (n, 1, 1, c) if self.keepdims else (n, c)

    def forward(self, x, training=False):
        out, cache = self.pair[0](x)
        return (out[:, None, None, :] if self.keepdims else out), cache

    def backward(self, dout, cache, need_dx=True):
        if self.keepdims:
            dout = dout[:, 0, 0, :]
        return self.pair[1](dout, cache), []

    def get_config(self):
        return {**super().get_config(), "keepdims": self.keepdims}


class GlobalAveragePooling2D(_GlobalPooling2D):
    """The mean of each channel over the whole image."""

    pair = (global_average_pool2d_forward, global_average_pool2d_backward)


class GlobalMaxPooling2D(_GlobalPooling2D):
    """The largest value of each channel over the whole image."""

    pair = (global_max_pool2d_forward, global_max_pool2d_backward)
