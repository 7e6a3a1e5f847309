"""``BaseConv``: what Conv1D and Conv2D share (Keras's ``base_conv.py``): the arguments, the
kernel's shape ``kernel_size + (C_in, filters)`` and the output shape, for ``rank`` spatial
axes, channels last. A subclass gives ``rank`` and its forward/backward pair."""

from course.keras.layers.conv_utils import check_filters, normalize_tuple, output_length
from course.keras.layers.kernel_layer import KernelLayer

AXES = {1: "(N, L, C)", 2: "(N, H, W, C)"}


class BaseConv(KernelLayer):
    """``filters``, ``kernel_size``, ``strides``, ``padding``, ``dilation_rate``, and the
    :class:`KernelLayer` arguments (activation, bias, initializers, regularizers)."""

    rank = None
    paddings = ("valid", "same")

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, **kwargs):
        check_filters(filters, data_format)
        super().__init__(activation, use_bias, kernel_initializer, bias_initializer,
                         kernel_regularizer, bias_regularizer, **kwargs)
        self.filters = filters
        layer = f'{type(self).__name__} "{self.name}"'
        self.kernel_size = normalize_tuple(kernel_size, self.rank, "kernel_size", layer)
        self.strides = normalize_tuple(strides, self.rank, "strides", layer)
        self.dilation_rate = normalize_tuple(dilation_rate, self.rank, "dilation_rate", layer)
        self.padding = str(padding).lower()
        if self.padding not in self.paddings:
            raise ValueError(f"{layer}: the `padding` argument must be one of "
                             f"{', '.join(map(repr, self.paddings))}. Received: "
                             f"padding={padding!r}")

    def kernel_shape(self, input_shape):
        if len(input_shape) != self.rank + 2 or input_shape[-1] is None:
            raise ValueError(f'Input 0 of layer "{self.name}" is incompatible with the layer: '
                             f"expected ndim={self.rank + 2} {AXES[self.rank]}, found shape "
                             f"{tuple(input_shape)}")
        return self.kernel_size + (input_shape[-1], self.filters)

    def compute_output_shape(self, input_shape):
        # causal padding keeps the length of "same" (it only moves the zeros to the front)
        padding = "same" if self.padding == "causal" else self.padding
        spatial = tuple(output_length(size, k, s, d, padding, self.name) for size, k, s, d in
                        zip(input_shape[1:-1], self.kernel_size, self.strides,
                            self.dilation_rate))
        return (input_shape[0],) + spatial + (self.filters,)

    def get_config(self):
        config = super().get_config()
        config.update(filters=self.filters, kernel_size=list(self.kernel_size),
                      strides=list(self.strides), padding=self.padding,
                      dilation_rate=list(self.dilation_rate))
        return config
