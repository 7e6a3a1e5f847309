"""``DepthwiseConv2D``: one small convolution per input channel (on
``course.ops.depthwise_conv``)."""

from course.keras import regularizers
from course.keras.layers.conv_utils import normalize_padding, normalize_tuple, output_length
from course.keras.layers.kernel_layer import KernelLayer
from course.keras.layers.up_sampling2d import require_images
from course.ops.depthwise_conv import depthwise_conv2d_backward, depthwise_conv2d_forward


class DepthwiseConv2D(KernelLayer):
    """``DepthwiseConv2D(kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1,
    dilation_rate=(1, 1), activation=None, use_bias=True, depthwise_initializer=
    "glorot_uniform", ...)``.

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
        if not isinstance(depth_multiplier, int) or depth_multiplier < 1:
            raise ValueError(f"{layer}: depth_multiplier must be a positive integer, received "
                             f"depth_multiplier={depth_multiplier!r}")
        self.depth_multiplier = depth_multiplier
        self.kernel_size = normalize_tuple(kernel_size, 2, "kernel_size", layer)
        self.strides = normalize_tuple(strides, 2, "strides", layer)
        self.padding = normalize_padding(padding)
        self.dilation_rate = normalize_tuple(dilation_rate, 2, "dilation_rate", layer)

    def build(self, input_shape):
        require_images(self, input_shape)
        c = input_shape[-1]
        self.kernel = self.add_weight(shape=self.kernel_size + (c, self.depth_multiplier),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, name='kernel')
        self.bias = (self.add_weight(shape=(c * self.depth_multiplier,),
                                     initializer=self.bias_initializer,
                                     regularizer=self.bias_regularizer, name='bias')
                     if self.use_bias else None)

    def compute_output_shape(self, input_shape):
        n, h, w, c = input_shape
        (kh, kw), (sh, sw), (dh, dw) = self.kernel_size, self.strides, self.dilation_rate
        return (n, output_length(h, kh, sh, dh, self.padding, self.name),
                output_length(w, kw, sw, dw, self.padding, self.name),
                None if c is None else c * self.depth_multiplier)

    def linear_forward(self, x, kernel, bias):
        return depthwise_conv2d_forward(x, kernel, bias, self.strides, self.padding,
                                        self.dilation_rate)

    def linear_backward(self, dz, cache, need_dx):
        return depthwise_conv2d_backward(dz, cache, need_dx=need_dx)

    def get_config(self):
        config = super().get_config()
        config.update(kernel_size=list(self.kernel_size), strides=list(self.strides),
                      padding=self.padding, depth_multiplier=self.depth_multiplier,
                      dilation_rate=list(self.dilation_rate),
                      depthwise_initializer=config.pop("kernel_initializer"),
                      depthwise_regularizer=config.pop("kernel_regularizer"))
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        for key in ("depthwise_regularizer", "bias_regularizer"):
            if config.get(key):
                config[key] = regularizers.L1L2(**config[key])
        return cls(**config)
