"""``Dense``: ``activation(x @ kernel + bias)``, on ``course.ops.dense``."""

from course.keras import activations, initializers, regularizers
from course.keras.layers.layer import Layer
from course.ops.dense import dense_backward, dense_forward


class Dense(Layer):
    """A fully connected layer.

    Args:
        units: output size ``M``.
        activation: a name (``"relu"``) or function from ``course.keras.activations``.
        use_bias, kernel_initializer (``"glorot_uniform"``), bias_initializer (``"zeros"``),
        kernel_regularizer, bias_regularizer: as in Keras.
        input_dim: legacy form of ``input_shape=(input_dim,)``.

    Shapes: input ``(N, D)`` (or ``(N, ..., D)``), output ``(N, M)``; kernel ``(D, M)``.
    """

    def __init__(self, units, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, input_dim=None, **kwargs):
        if input_dim is not None and "input_shape" not in kwargs:
            kwargs["input_shape"] = (input_dim,)
        super().__init__(**kwargs)
        if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
            raise ValueError(f"Received an invalid value for `units`, expected a positive "
                             f"integer. Received: units={units!r}")
        self.units = units
        self.activation, self._act_forward, self._act_backward = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)

    def build(self, input_shape):
        if len(input_shape) < 2 or input_shape[-1] is None:
            raise ValueError(f'Layer "{self.name}" needs inputs with a known last axis, '
                             f"received shape {input_shape}")
        self.kernel = self.add_weight("kernel", (input_shape[-1], self.units),
                                      self.kernel_initializer, self.kernel_regularizer)
        self.bias = (self.add_weight("bias", (self.units,), self.bias_initializer,
                                     self.bias_regularizer) if self.use_bias else None)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def forward(self, x, training=False, logits=False):
        """``x (N, D) -> (out (N, M), cache)``; ``logits=True`` skips the activation."""
        z, dense_cache = dense_forward(x, self.kernel.value,
                                       self.bias.value if self.use_bias else None)
        if logits or self.activation == "linear":
            return z, (dense_cache, None)
        out, act_cache = self._act_forward(z)
        return out, (dense_cache, act_cache)

    def backward(self, dout, cache, need_dx=True):
        dense_cache, act_cache = cache
        dz = dout if act_cache is None else self._act_backward(dout, act_cache)
        dx, dW, db = dense_backward(dz, dense_cache, need_dx=need_dx)
        return dx, ([dW, db] if self.use_bias else [dW])

    def get_config(self):
        config = super().get_config()
        config.update(units=self.units, activation=self.activation, use_bias=self.use_bias,
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


def _reg_config(regularizer):
    return regularizer.get_config() if regularizer is not None else None
