"""``ELU``: ``x`` where positive, ``alpha * (exp(x) - 1)`` elsewhere."""

from course.keras.layers.layer import Layer
from course.ops.activations import elu_backward, elu_forward


class ELU(Layer):
    """``ELU(alpha=1.0)``, same shape as the input."""

    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self.alpha = float(alpha)

    def forward(self, x, training=False):
        return elu_forward(x, self.alpha)

    def backward(self, dout, cache, need_dx=True):
        return elu_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "alpha": self.alpha}
