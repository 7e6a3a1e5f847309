"""``Activation``: apply an activation function as a layer of its own."""

from course.keras import activations
from course.keras.layers.layer import Layer


class Activation(Layer):
    """``Activation("relu")``: output = activation(input), same shape."""

    batch_splittable = True

    supports_masking = True

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation, self._act_forward, self._act_backward = activations.get(activation)

    def forward(self, x, training=False, logits=False):
        if logits:
            return x, None
        return self._act_forward(x)

    def backward(self, dout, cache, need_dx=True):
        return (dout if cache is None else self._act_backward(dout, cache)), []

    def get_config(self):
        config = super().get_config()
        config["activation"] = self.activation
        return config
