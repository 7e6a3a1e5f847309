"""``RepeatVector``: ``(N, D) -> (N, n, D)``, the input repeated ``n`` times."""

from course.keras.layers.layer import Layer
from course.ops.repeat_vector import repeat_vector_backward, repeat_vector_forward


class RepeatVector(Layer):
    """``RepeatVector(n)``."""

    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(n, int) or n < 1:
            raise TypeError(f"Expected an integer value for `n`. Received: n={n!r}")
        self.n = n

    def build(self, input_shape):
        if len(input_shape) != 2:
            raise ValueError(f'Input 0 of layer "{self.name}" is incompatible with the layer: '
                             f"expected ndim=2, found ndim={len(input_shape)}. Full shape "
                             f"received: {tuple(input_shape)}")

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])

    def forward(self, x, training=False):
        return repeat_vector_forward(x, self.n)

    def backward(self, dout, cache, need_dx=True):
        return repeat_vector_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "n": self.n}
