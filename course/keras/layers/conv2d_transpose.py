"""``Conv2DTranspose``: the transposed convolution that enlarges images (on
``course.ops.conv_transpose``)."""

from course.keras.layers.conv_utils import check_filters, normalize_padding, normalize_tuple
from course.keras.layers.kernel_layer import KernelLayer
from course.keras.layers.up_sampling2d import require_images
from course.ops.conv_transpose import (conv2d_transpose_backward, conv2d_transpose_forward,
                                       transposed_length)


class Conv2DTranspose(KernelLayer):
    """``Conv2DTranspose(filters, kernel_size, strides=(1, 1), padding="valid",
    output_padding=None, dilation_rate=(1, 1), activation=None, use_bias=True, ...)``.

    Shapes: input ``(N, H, W, C_in)``, kernel ``(kh, kw, filters, C_in)`` (as Keras stores
    it), bias ``(filters,)``, output ``(N, H_out, W_out, filters)`` with Keras's sizes, e.g.
    ``H_out = H * strides`` for "same".
    """

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 output_padding=None, data_format=None, dilation_rate=(1, 1), activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, **kwargs):
        check_filters(filters, data_format)
        super().__init__(activation, use_bias, kernel_initializer, bias_initializer,
                         kernel_regularizer, bias_regularizer, **kwargs)
        layer = f'Conv2DTranspose "{self.name}"'
        self.filters = filters
        self.kernel_size = normalize_tuple(kernel_size, 2, "kernel_size", layer)
        self.strides = normalize_tuple(strides, 2, "strides", layer)
        self.padding = normalize_padding(padding)
        self.dilation_rate = normalize_tuple(dilation_rate, 2, "dilation_rate", layer)
        self.output_padding = None
        if output_padding is not None:
            pads = (output_padding,) * 2 if isinstance(output_padding, int) else output_padding
            self.output_padding = tuple(int(p) for p in pads)
            if any(not 0 <= p < s for p, s in zip(self.output_padding, self.strides)):
                raise ValueError(f"{layer}: strides {self.strides} must be greater than "
                                 f"output_padding {self.output_padding}")

    def build(self, input_shape):
        require_images(self, input_shape)
        if input_shape[-1] is None:
            raise ValueError(f'Layer "{self.name}" needs a known number of input channels')
        shape = self.kernel_size + (self.filters, input_shape[-1])
        self.kernel = self.add_weight(shape=shape, initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, name='kernel')
        self.bias = (self.add_weight(shape=(self.filters,), initializer=self.bias_initializer,
                                     regularizer=self.bias_regularizer, name='bias') if self.use_bias else None)

    def compute_output_shape(self, input_shape):
        n, h, w, _ = input_shape
        pads = self.output_padding or (None, None)
        sizes = [None if d is None else transposed_length(d, k, s, r, self.padding, p)
                 for d, k, s, r, p in zip((h, w), self.kernel_size, self.strides,
                                          self.dilation_rate, pads)]
        return (n, *sizes, self.filters)

    def linear_forward(self, x, kernel, bias):
        return conv2d_transpose_forward(x, kernel, bias, self.strides, self.padding,
                                        self.output_padding, self.dilation_rate)

    def linear_backward(self, dz, cache, need_dx):
        return conv2d_transpose_backward(dz, cache, need_dx=need_dx)

    def get_config(self):
        config = super().get_config()
        config.update(filters=self.filters, kernel_size=list(self.kernel_size),
                      strides=list(self.strides), padding=self.padding,
                      dilation_rate=list(self.dilation_rate),
                      output_padding=None if self.output_padding is None
                      else list(self.output_padding))
        return config
