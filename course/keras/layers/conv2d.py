"""``Conv2D``: 2-D convolution over channels-last images, on ``course.ops.conv``."""

from course.keras import activations, initializers, regularizers
from course.keras.layers.conv_utils import normalize_padding, normalize_tuple, output_length
from course.keras.layers.dense import _reg_config
from course.keras.layers.layer import Layer
from course.ops.conv import conv2d_backward, conv2d_forward


class Conv2D(Layer):
    """``Conv2D(filters, kernel_size, strides=(1, 1), padding="valid", activation=None, ...)``.

    Shapes: input ``(N, H, W, C_in)``, kernel ``(kh, kw, C_in, filters)``, output
    ``(N, H_out, W_out, filters)`` with TensorFlow's "valid"/"same" sizes.
    """

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, **kwargs):
        super().__init__(**kwargs)
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        if not isinstance(filters, int) or filters <= 0:
            raise ValueError(f"Invalid value for argument `filters`: expected a positive "
                             f"integer, received filters={filters!r}")
        self.filters = filters
        self.kernel_size = normalize_tuple(kernel_size, 2, "kernel_size")
        self.strides = normalize_tuple(strides, 2, "strides")
        self.padding = normalize_padding(padding)
        self.dilation_rate = normalize_tuple(dilation_rate, 2, "dilation_rate")
        self.activation, self._act_forward, self._act_backward = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)

    def build(self, input_shape):
        if len(input_shape) != 4 or input_shape[-1] is None:
            raise ValueError(f'Input 0 of layer "{self.name}" is incompatible with the layer: '
                             f"expected ndim=4 (N, H, W, C), found shape {tuple(input_shape)}")
        self.kernel = self.add_weight("kernel", self.kernel_size + (input_shape[-1], self.filters),
                                      self.kernel_initializer, self.kernel_regularizer)
        self.bias = (self.add_weight("bias", (self.filters,), self.bias_initializer,
                                     self.bias_regularizer) if self.use_bias else None)

    def compute_output_shape(self, input_shape):
        n, h, w, _ = input_shape
        (kh, kw), (sh, sw), (dh, dw) = self.kernel_size, self.strides, self.dilation_rate
        return (n, output_length(h, kh, sh, dh, self.padding, self.name),
                output_length(w, kw, sw, dw, self.padding, self.name), self.filters)

    def forward(self, x, training=False, logits=False):
        z, conv_cache = conv2d_forward(x, self.kernel.value,
                                       self.bias.value if self.use_bias else None,
                                       self.strides, self.padding, self.dilation_rate)
        if logits or self.activation == "linear":
            return z, (conv_cache, None)
        out, act_cache = self._act_forward(z)
        return out, (conv_cache, act_cache)

    def backward(self, dout, cache, need_dx=True):
        conv_cache, act_cache = cache
        dz = dout if act_cache is None else self._act_backward(dout, act_cache)
        dx, dW, db = conv2d_backward(dz, conv_cache, need_dx=need_dx)
        return dx, ([dW, db] if self.use_bias else [dW])

    def get_config(self):
        config = super().get_config()
        config.update(filters=self.filters, kernel_size=list(self.kernel_size),
                      strides=list(self.strides), padding=self.padding,
                      dilation_rate=list(self.dilation_rate), activation=self.activation,
                      use_bias=self.use_bias,
                      kernel_initializer=initializers.name_of(self.kernel_initializer),
                      bias_initializer=initializers.name_of(self.bias_initializer),
                      kernel_regularizer=_reg_config(self.kernel_regularizer),
                      bias_regularizer=_reg_config(self.bias_regularizer))
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        for key in ("kernel_regularizer", "bias_regularizer"):
            if config.get(key):
                config[key] = regularizers.L1L2(**config[key])
        return cls(**config)
