"""``LeakyReLU``: ``x`` where positive, ``negative_slope * x`` elsewhere."""

from course.keras.layers.layer import Layer
from course.ops.activations import leaky_relu_backward, leaky_relu_forward


class LeakyReLU(Layer):
    """``LeakyReLU(negative_slope=0.3)`` (Keras 3's default; ``alpha=`` is its old name)."""

    def __init__(self, negative_slope=0.3, **kwargs):
        negative_slope = kwargs.pop("alpha", negative_slope)
        super().__init__(**kwargs)
        if negative_slope is None or negative_slope < 0:
            raise ValueError(f"The negative_slope value of a Leaky ReLU layer cannot be None "
                             f"or negative. Received: negative_slope={negative_slope}")
        self.negative_slope = float(negative_slope)

    def forward(self, x, training=False):
        return leaky_relu_forward(x, self.negative_slope)

    def backward(self, dout, cache, need_dx=True):
        return leaky_relu_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "negative_slope": self.negative_slope}
