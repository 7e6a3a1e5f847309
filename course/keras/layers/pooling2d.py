"""``MaxPooling2D`` and ``AveragePooling2D``, on ``course.ops.pooling``."""

from course.keras.layers.conv_utils import normalize_padding, normalize_tuple, output_length
from course.keras.layers.layer import Layer
from course.ops.pooling import (average_pool2d_backward, average_pool2d_forward,
                                max_pool2d_backward, max_pool2d_forward)


class _Pooling2D(Layer):
    """Shared arguments: ``pool_size=(2, 2)``, ``strides=None`` (= pool_size), ``padding``."""

    pair = None

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(**kwargs)
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        layer = f'{type(self).__name__} "{self.name}"'
        self.pool_size = normalize_tuple(pool_size, 2, "pool_size", layer)
        self.strides = (self.pool_size if strides is None
                        else normalize_tuple(strides, 2, "strides", layer))
        self.padding = normalize_padding(padding)

    def build(self, input_shape):
        if len(input_shape) != 4:
            raise ValueError(f'Input 0 of layer "{self.name}" is incompatible with the layer: '
                             f"expected ndim=4 (N, H, W, C), found shape {tuple(input_shape)}")

    def compute_output_shape(self, input_shape):
        n, h, w, c = input_shape
        (ph, pw), (sh, sw) = self.pool_size, self.strides
        return (n, output_length(h, ph, sh, 1, self.padding, self.name),
                output_length(w, pw, sw, 1, self.padding, self.name), c)

    def forward(self, x, training=False):
        return self.pair[0](x, self.pool_size, self.strides, self.padding)

    def backward(self, dout, cache, need_dx=True):
        return self.pair[1](dout, cache), []

    def get_config(self):
        config = super().get_config()
        config.update(pool_size=list(self.pool_size), strides=list(self.strides),
                      padding=self.padding)
        return config


class MaxPooling2D(_Pooling2D):
    """The largest value of each ``pool_size`` window: ``(N, H, W, C) -> (N, H', W', C)``."""

    pair = (max_pool2d_forward, max_pool2d_backward)


class AveragePooling2D(_Pooling2D):
    """The mean of each ``pool_size`` window (over its valid cells with "same" padding)."""

    pair = (average_pool2d_forward, average_pool2d_backward)
