"""``SeparableConv2D``: a depthwise convolution, then a 1x1 convolution across channels."""

from course.keras import activations, initializers, regularizers
from course.keras.layers.conv_utils import normalize_padding, normalize_tuple, output_length
from course.keras.layers.layer import Layer
from course.keras.layers.up_sampling2d import require_images
from course.ops.conv import conv2d_backward, conv2d_forward
from course.ops.depthwise_conv import depthwise_conv2d_backward, depthwise_conv2d_forward


class SeparableConv2D(Layer):
    """``SeparableConv2D(filters, kernel_size, strides=(1, 1), padding="valid",
    depth_multiplier=1, dilation_rate=(1, 1), activation=None, use_bias=True, ...)``.

    Weights (Keras's order): ``depthwise_kernel`` ``(kh, kw, C, M)``, ``pointwise_kernel``
    ``(1, 1, C * M, filters)``, ``bias`` ``(filters,)``. Output
    ``activation(pointwise(depthwise(x)) + bias)``, ``(N, H_out, W_out, filters)``.
    """

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format=None, dilation_rate=(1, 1), depth_multiplier=1, activation=None,
                 use_bias=True, depthwise_initializer="glorot_uniform",
                 pointwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                 **kwargs):
        super().__init__(**kwargs)
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        layer = f'SeparableConv2D "{self.name}"'
        if not isinstance(filters, int) or filters <= 0:
            raise ValueError(f"{layer}: expected a positive integer for `filters`, received "
                             f"filters={filters!r}")
        if not isinstance(depth_multiplier, int) or depth_multiplier < 1:
            raise ValueError(f"{layer}: depth_multiplier must be a positive integer, received "
                             f"depth_multiplier={depth_multiplier!r}")
        self.filters, self.depth_multiplier = filters, depth_multiplier
        self.kernel_size = normalize_tuple(kernel_size, 2, "kernel_size", layer)
        self.strides = normalize_tuple(strides, 2, "strides", layer)
        self.padding = normalize_padding(padding)
        self.dilation_rate = normalize_tuple(dilation_rate, 2, "dilation_rate", layer)
        self.activation, self._act_forward, self._act_backward = activations.get(activation)
        self.use_bias = use_bias
        self._inits = [initializers.get(i) for i in (depthwise_initializer,
                                                     pointwise_initializer, bias_initializer)]
        self._regs = [regularizers.get(r) for r in (depthwise_regularizer,
                                                    pointwise_regularizer, bias_regularizer)]

    def build(self, input_shape):
        require_images(self, input_shape)
        c, m = input_shape[-1], self.depth_multiplier
        (di, pi, bi), (dr, pr, br) = self._inits, self._regs
        self.depthwise_kernel = self.add_weight(shape=self.kernel_size + (c, m), initializer=di,
                                                regularizer=dr, name='depthwise_kernel')
        self.pointwise_kernel = self.add_weight(shape=(1, 1, c * m, self.filters), initializer=pi,
                                                regularizer=pr, name='pointwise_kernel')
        self.bias = self.add_weight(shape=(self.filters,), initializer=bi, regularizer=br,
                                    name='bias') if self.use_bias else None

    def compute_output_shape(self, input_shape):
        n, h, w, _ = input_shape
        (kh, kw), (sh, sw), (dh, dw) = self.kernel_size, self.strides, self.dilation_rate
        return (n, output_length(h, kh, sh, dh, self.padding, self.name),
                output_length(w, kw, sw, dw, self.padding, self.name), self.filters)

    def forward(self, x, training=False, logits=False):
        depth, depth_cache = depthwise_conv2d_forward(
            x, self.depthwise_kernel.value, None, self.strides, self.padding,
            self.dilation_rate)
        z, point_cache = conv2d_forward(depth, self.pointwise_kernel.value,
                                        self.bias.value if self.use_bias else None)
        if logits or self.activation == "linear":
            return z, (depth_cache, point_cache, None)
        out, act_cache = self._act_forward(z)
        return out, (depth_cache, point_cache, act_cache)

    def backward(self, dout, cache, need_dx=True):
        depth_cache, point_cache, act_cache = cache
        dz = dout if act_cache is None else self._act_backward(dout, act_cache)
        ddepth, dpoint, db = conv2d_backward(dz, point_cache)
        dx, ddepthwise, _ = depthwise_conv2d_backward(ddepth, depth_cache, need_dx)
        return dx, [ddepthwise, dpoint] + ([db] if self.use_bias else [])

    def get_config(self):
        return {**super().get_config(), "filters": self.filters,
                "kernel_size": list(self.kernel_size), "strides": list(self.strides),
                "padding": self.padding, "dilation_rate": list(self.dilation_rate),
                "depth_multiplier": self.depth_multiplier, "activation": self.activation,
                "use_bias": self.use_bias}
