"""``Conv2D``: 2-D convolution over channels-last images, on ``course.ops.conv``."""

from course.keras.layers.conv_utils import normalize_padding, normalize_tuple, output_length
from course.keras.layers.kernel_layer import KernelLayer
from course.ops.conv import conv2d_backward, conv2d_forward


class Conv2D(KernelLayer):
    """``Conv2D(filters, kernel_size, strides=(1, 1), padding="valid", activation=None, ...)``.

    Shapes: input ``(N, H, W, C_in)``, kernel ``(kh, kw, C_in, filters)``, output
    ``(N, H_out, W_out, filters)`` with TensorFlow's "valid"/"same" sizes.
    """

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, **kwargs):
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        if not isinstance(filters, int) or filters <= 0:
            raise ValueError(f"Invalid value for argument `filters`: expected a positive "
                             f"integer, received filters={filters!r}")
        super().__init__(activation, use_bias, kernel_initializer, bias_initializer,
                         kernel_regularizer, bias_regularizer, **kwargs)
        self.filters = filters
        layer = f'Conv2D "{self.name}"'
        self.kernel_size = normalize_tuple(kernel_size, 2, "kernel_size", layer)
        self.strides = normalize_tuple(strides, 2, "strides", layer)
        self.padding = normalize_padding(padding)
        self.dilation_rate = normalize_tuple(dilation_rate, 2, "dilation_rate", layer)

    def kernel_shape(self, input_shape):
        if len(input_shape) != 4 or input_shape[-1] is None:
            raise ValueError(f'Input 0 of layer "{self.name}" is incompatible with the layer: '
                             f"expected ndim=4 (N, H, W, C), found shape {tuple(input_shape)}")
        return self.kernel_size + (input_shape[-1], self.filters)

    def compute_output_shape(self, input_shape):
        n, h, w, _ = input_shape
        (kh, kw), (sh, sw), (dh, dw) = self.kernel_size, self.strides, self.dilation_rate
        return (n, output_length(h, kh, sh, dh, self.padding, self.name),
                output_length(w, kw, sw, dw, self.padding, self.name), self.filters)

    def linear_forward(self, x, kernel, bias):
        return conv2d_forward(x, kernel, bias, self.strides, self.padding, self.dilation_rate)

    def linear_backward(self, dz, cache, need_dx):
        return conv2d_backward(dz, cache, need_dx=need_dx)

    def get_config(self):
        config = super().get_config()
        config.update(filters=self.filters, kernel_size=list(self.kernel_size),
                      strides=list(self.strides), padding=self.padding,
                      dilation_rate=list(self.dilation_rate))
        return config
