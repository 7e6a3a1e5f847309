"""``DepthwiseConv2D``: one filter (or ``depth_multiplier`` filters) per input channel."""

from course.keras.layers.conv_utils import normalize_padding, normalize_tuple, output_length
from course.keras.layers.kernel_layer import KernelLayer
from course.ops.depthwise_conv import depthwise_conv2d_backward, depthwise_conv2d_forward


class DepthwiseConv2D(KernelLayer):
    """``DepthwiseConv2D(kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1, ...)``.

    Shapes: input ``(N, H, W, C)``, kernel ``(kh, kw, C, depth_multiplier)``, bias
    ``(C * depth_multiplier,)``, output ``(N, H_out, W_out, C * depth_multiplier)``.
    """

    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1,
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, **kwargs):
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        super().__init__(activation, use_bias, depthwise_initializer, bias_initializer,
                         depthwise_regularizer, bias_regularizer, **kwargs)
        layer = f'DepthwiseConv2D "{self.name}"'
        self.kernel_size = normalize_tuple(kernel_size, 2, "kernel_size", layer)
        self.strides = normalize_tuple(strides, 2, "strides", layer)
        self.padding = normalize_padding(padding)
        self.depth_multiplier = normalize_tuple(depth_multiplier, 1, "depth_multiplier", layer)[0]
        self.dilation_rate = normalize_tuple(dilation_rate, 2, "dilation_rate", layer)

    def kernel_shape(self, input_shape):
        if len(input_shape) != 4 or input_shape[-1] is None:
            raise ValueError(f'Input 0 of layer "{self.name}" is incompatible with the layer: '
                             f"expected ndim=4 (N, H, W, C), found shape {tuple(input_shape)}")
        return self.kernel_size + (input_shape[-1], self.depth_multiplier)

    def build(self, input_shape):
        shape = tuple(self.kernel_shape(input_shape))
        self.kernel = self.add_weight("kernel", shape, self.kernel_initializer,
                                      self.kernel_regularizer)
        self.bias = (self.add_weight("bias", (shape[2] * shape[3],), self.bias_initializer,
                                     self.bias_regularizer) if self.use_bias else None)

    def compute_output_shape(self, input_shape):
        n, h, w, c = input_shape
        (kh, kw), (sh, sw), (dh, dw) = self.kernel_size, self.strides, self.dilation_rate
        return (n, output_length(h, kh, sh, dh, self.padding, self.name),
                output_length(w, kw, sw, dw, self.padding, self.name), c * self.depth_multiplier)

    def linear_forward(self, x, kernel, bias):
        return depthwise_conv2d_forward(x, kernel, bias, self.strides, self.padding,
                                        self.dilation_rate)

    def linear_backward(self, dz, cache, need_dx):
        return depthwise_conv2d_backward(dz, cache, need_dx=need_dx)

    def get_config(self):
        config = super().get_config()
        for key in ("kernel_initializer", "kernel_regularizer"):
            config[key.replace("kernel", "depthwise")] = config.pop(key)
        config.update(kernel_size=list(self.kernel_size), strides=list(self.strides),
                      padding=self.padding, depth_multiplier=self.depth_multiplier,
                      dilation_rate=list(self.dilation_rate))
        return config
