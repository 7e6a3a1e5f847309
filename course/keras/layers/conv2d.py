"""``Conv2D``: 2-D convolution over channels-last images, on ``course.ops.conv``."""

from course.keras.layers.base_conv import BaseConv
from course.ops.conv import conv2d_backward, conv2d_forward


class Conv2D(BaseConv):
    """``Conv2D(filters, kernel_size, strides=(1, 1), padding="valid", activation=None, ...)``.

    Shapes: input ``(N, H, W, C_in)``, kernel ``(kh, kw, C_in, filters)``, output
    ``(N, H_out, W_out, filters)`` with TensorFlow's "valid"/"same" sizes.
    """

    rank = 2

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format=None, dilation_rate=(1, 1), **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate,
                         **kwargs)

    def linear_forward(self, x, kernel, bias):
        return conv2d_forward(x, kernel, bias, self.strides, self.padding, self.dilation_rate)

    def linear_backward(self, dz, cache, need_dx):
        return conv2d_backward(dz, cache, need_dx=need_dx)
