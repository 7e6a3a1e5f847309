"""``LayerNormalization``: normalize each sample over its last axis (or ``axis``)."""

from course.keras import initializers
from course.keras.layers.layer import Layer
from course.ops.layernorm import layer_norm_backward, layer_norm_forward


class LayerNormalization(Layer):
    """``LayerNormalization(axis=-1, epsilon=1e-3, center=True, scale=True,
    beta_initializer="zeros", gamma_initializer="ones")``.

    Weights ``gamma`` and ``beta`` have the sizes of the normalized axes; statistics are
    per sample, the same in training and inference.
    """

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones", **kwargs):
        super().__init__(**kwargs)
        self.axis = axis if isinstance(axis, int) else tuple(axis)
        self.epsilon, self.center, self.scale = float(epsilon), center, scale
        self._gamma_init = initializers.get(gamma_initializer)
        self._beta_init = initializers.get(beta_initializer)

    def build(self, input_shape):
        axes = (self.axis,) if isinstance(self.axis, int) else self.axis
        rank = len(input_shape)
        if any(not -rank <= a < rank for a in axes) or any(a % rank == 0 for a in axes):
            raise ValueError(f'Layer "{self.name}": axis={self.axis} is not a feature axis of '
                             f"inputs of shape {tuple(input_shape)}")
        shape = tuple(input_shape[a] for a in sorted(a % rank for a in axes))
        if any(d is None for d in shape):
            raise ValueError(f'Layer "{self.name}" needs known sizes on axis={self.axis}, '
                             f"got input shape {tuple(input_shape)}")
        self.gamma = self.add_weight(shape=shape, initializer=self._gamma_init, name='gamma') if self.scale else None
        self.beta = self.add_weight(shape=shape, initializer=self._beta_init, name='beta') if self.center else None

    def forward(self, x, training=False):
        return layer_norm_forward(x, self.gamma.value if self.scale else None,
                                  self.beta.value if self.center else None, self.axis,
                                  self.epsilon)

    def backward(self, dout, cache, need_dx=True):
        dx, dgamma, dbeta = layer_norm_backward(dout, cache)
        return dx, ([dgamma] if self.scale else []) + ([dbeta] if self.center else [])

    def get_config(self):
        return {**super().get_config(), "axis": self.axis, "epsilon": self.epsilon,
                "center": self.center, "scale": self.scale}
