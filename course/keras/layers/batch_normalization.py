"""``BatchNormalization``: normalise each channel with batch (training) or moving statistics."""

from course.keras import initializers
from course.keras.layers.layer import Layer
from course.ops.batchnorm import batchnorm_backward, batchnorm_forward


class BatchNormalization(Layer):
    """Keras's arguments and weights: ``gamma, beta`` (trainable), ``moving_mean,
    moving_variance`` (not trainable), ``momentum=0.99``, ``epsilon=1e-3``, ``axis=-1``.

    As in Keras 3, a frozen layer (``trainable = False``) runs in inference mode, using
    its moving statistics even while the model trains (the rule for fine-tuning).
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones", **kwargs):
        super().__init__(**kwargs)
        self.axis, self.momentum, self.epsilon = axis, float(momentum), float(epsilon)
        self.center, self.scale = center, scale
        self._inits = [initializers.get(i) for i in (gamma_initializer, beta_initializer,
                                                     moving_mean_initializer,
                                                     moving_variance_initializer)]

    def build(self, input_shape):
        c = input_shape[self.axis]
        if c is None:
            raise ValueError(f'Layer "{self.name}" needs a known channel axis, got {input_shape}')
        g, b, mm, mv = self._inits
        self.gamma = (self.add_weight(shape=(c,), initializer=g, name="gamma")
                      if self.scale else None)
        self.beta = (self.add_weight(shape=(c,), initializer=b, name="beta")
                     if self.center else None)
        self.moving_mean = self.add_weight(shape=(c,), initializer=mm, trainable=False,
                                           name="moving_mean")
        self.moving_variance = self.add_weight(shape=(c,), initializer=mv, trainable=False,
                                               name="moving_variance")

    def forward(self, x, training=False):
        return batchnorm_forward(x, self.gamma.value if self.scale else None,
                                 self.beta.value if self.center else None,
                                 self.moving_mean.value, self.moving_variance.value,
                                 training=bool(training) and self.trainable,
                                 momentum=self.momentum, epsilon=self.epsilon, axis=self.axis)

    def backward(self, dout, cache, need_dx=True):
        dx, dgamma, dbeta = batchnorm_backward(dout, cache)
        grads = ([dgamma] if self.scale else []) + ([dbeta] if self.center else [])
        return dx, grads + [None, None]

    def get_config(self):
        return {**super().get_config(), "axis": self.axis, "momentum": self.momentum,
                "epsilon": self.epsilon, "center": self.center, "scale": self.scale}
