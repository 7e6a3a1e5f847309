"""``Dense``: ``activation(x @ kernel + bias)``, on ``course.ops.dense``."""

from course.keras.layers.kernel_layer import KernelLayer
from course.ops.dense import dense_backward, dense_forward


class Dense(KernelLayer):
    """A fully connected layer.

    Args:
        units: output size ``M``.
        activation: a name (``"relu"``) or function from ``course.keras.activations``.
        use_bias, kernel_initializer (``"glorot_uniform"``), bias_initializer (``"zeros"``),
        kernel_regularizer, bias_regularizer: as in Keras.
        input_dim: legacy form of ``input_shape=(input_dim,)``.

    Shapes: input ``(N, D)`` (or ``(N, ..., D)``), output ``(N, M)``; kernel ``(D, M)``.
    """

    supports_masking = True

    def __init__(self, units, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, input_dim=None, **kwargs):
        if input_dim is not None and "input_shape" not in kwargs:
            kwargs["input_shape"] = (input_dim,)
        if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
            raise ValueError(f"Received an invalid value for `units`, expected a positive "
                             f"integer. Received: units={units!r}")
        super().__init__(activation, use_bias, kernel_initializer, bias_initializer,
                         kernel_regularizer, bias_regularizer, **kwargs)
        self.units = units

    def kernel_shape(self, input_shape):
        if len(input_shape) < 2 or input_shape[-1] is None:
            raise ValueError(f'Layer "{self.name}" needs inputs with a known last axis, '
                             f"received shape {input_shape}")
        return (input_shape[-1], self.units)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def linear_forward(self, x, kernel, bias):
        """``x (N, D) -> z = x @ kernel + bias (N, M)``."""
        return dense_forward(x, kernel, bias)

    def linear_backward(self, dz, cache, need_dx):
        return dense_backward(dz, cache, need_dx=need_dx)

    def get_config(self):
        config = super().get_config()
        config.update(units=self.units)
        return config
