"""``Concatenate`` and ``Add``: layers that merge several inputs (functional API)."""

from course.keras.layers.layer import Layer
from course.ops.merge import add_backward, add_forward, concatenate_backward, concatenate_forward


class _Merge(Layer):
    def build(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) < 2:
            raise ValueError(f'Layer "{self.name}" should be called on a list of at least 2 '
                             f"inputs, received {input_shape}")


class Concatenate(_Merge):
    """Join inputs along ``axis`` (-1): shapes must agree on every other axis."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def compute_output_shape(self, input_shape):
        shapes = [tuple(s) for s in input_shape]
        rank = len(shapes[0])
        axis = self.axis % rank
        for s in shapes[1:]:
            if len(s) != rank or any(a != b for i, (a, b) in enumerate(zip(s, shapes[0]))
                                     if i not in (0, axis) and None not in (a, b)):
                raise ValueError(f'Layer "{self.name}" requires inputs with matching shapes '
                                 f"except for the concatenation axis {self.axis}. Received: "
                                 f"input_shape={shapes}")
        sizes = [s[axis] for s in shapes]
        out = list(shapes[0])
        out[axis] = None if None in sizes else sum(sizes)
        return tuple(out)

    def forward(self, xs, training=False):
        return concatenate_forward(xs, self.axis)

    def backward(self, dout, cache, need_dx=True):
        return concatenate_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


class Add(_Merge):
    """Elementwise sum of inputs of one shape."""

    def compute_output_shape(self, input_shape):
        shapes = {tuple(s[1:]) for s in input_shape}
        if len(shapes) != 1:
            raise ValueError(f'Layer "{self.name}" requires inputs of the same shape, received '
                             f"{[tuple(s) for s in input_shape]}")
        return tuple(input_shape[0])

    def forward(self, xs, training=False):
        return add_forward(xs)

    def backward(self, dout, cache, need_dx=True):
        return add_backward(dout, cache), []
