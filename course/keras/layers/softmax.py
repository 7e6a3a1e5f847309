"""``Softmax``: the softmax activation as a layer, over any axis."""

from course.keras.layers.layer import Layer
from course.ops.activations import softmax_backward, softmax_forward


class Softmax(Layer):
    """``Softmax(axis=-1)``: ``exp(x) / sum(exp(x), axis)``, same shape as the input."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape):
        if not -len(input_shape) <= self.axis < len(input_shape):
            raise ValueError(f'Layer "{self.name}": axis={self.axis} is out of range for '
                             f"inputs of rank {len(input_shape)}")

    def forward(self, x, training=False):
        return softmax_forward(x, self.axis)

    def backward(self, dout, cache, need_dx=True):
        return softmax_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}
