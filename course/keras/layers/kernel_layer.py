"""``KernelLayer``: what Dense and Conv2D share, ``activation(linear(x, kernel) + bias)``.

A kernel layer owns a kernel and an optional bias (with their initializers and
regularizers) and an activation. A subclass says only what its linear part is: the shape
of its kernel, and the forward/backward pair from ``course.ops`` that maps ``x`` to
``z = linear(x, kernel) + bias`` and back.
"""

from course.keras import activations, initializers, regularizers
from course.keras.layers.layer import Layer


class KernelLayer(Layer):
    """Base of :class:`Dense` and :class:`Conv2D`.

    Subclasses implement ``kernel_shape(input_shape)`` (validating the input; the kernel's
    last axis is the number of outputs, and the bias's size),
    ``linear_forward(x, kernel, bias) -> (z, cache)`` and
    ``linear_backward(dz, cache, need_dx) -> (dx, dkernel, dbias)``.
    """

    batch_splittable = True

    def __init__(self, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.activation, self._act_forward, self._act_backward = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)

    def build(self, input_shape):
        shape = tuple(self.kernel_shape(input_shape))
        self.kernel = self.add_weight(shape=shape, initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, name="kernel")
        self.bias = (self.add_weight(shape=shape[-1:], initializer=self.bias_initializer,
                                     regularizer=self.bias_regularizer, name="bias")
                     if self.use_bias else None)

    def forward(self, x, training=False, logits=False):
        """``x -> (activation(z), cache)``; ``logits=True`` returns ``z`` itself."""
        z, linear_cache = self.linear_forward(x, self.kernel.value,
                                              self.bias.value if self.use_bias else None)
        if logits or self.activation == "linear":
            return z, (linear_cache, None)
        out, act_cache = self._act_forward(z)
        return out, (linear_cache, act_cache)

    def backward(self, dout, cache, need_dx=True):
        linear_cache, act_cache = cache
        dz = dout if act_cache is None else self._act_backward(dout, act_cache)
        dx, dW, db = self.linear_backward(dz, linear_cache, need_dx)
        return dx, ([dW, db] if self.use_bias else [dW])

    def get_config(self):
        config = super().get_config()
        config.update(activation=self.activation, use_bias=self.use_bias,
                      kernel_initializer=initializers.name_of(self.kernel_initializer),
                      bias_initializer=initializers.name_of(self.bias_initializer),
                      kernel_regularizer=_regularizer_config(self.kernel_regularizer),
                      bias_regularizer=_regularizer_config(self.bias_regularizer))
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        for key in ("kernel_regularizer", "bias_regularizer"):
            if config.get(key):
                config[key] = regularizers.L1L2(**config[key])
        return cls(**config)


def _regularizer_config(regularizer):
    return regularizer.get_config() if regularizer is not None else None
