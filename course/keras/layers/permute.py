"""``Permute``: reorder the axes of each sample."""

from course.keras.layers.layer import Layer
from course.ops.permute import permute_backward, permute_forward


class Permute(Layer):
    """``Permute(dims)``: ``dims`` a permutation of ``1..k`` (the batch axis stays first),
    e.g. ``Permute((2, 1))`` swaps the two axes of ``(N, T, D)`` -> ``(N, D, T)``."""

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(int(d) for d in dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise ValueError(f"Invalid permutation argument `dims` for Permute Layer. The set "
                             f"of indices in `dims` must be consecutive and start from 1. "
                             f"Received dims={dims}")

    def build(self, input_shape):
        if len(input_shape) != len(self.dims) + 1:
            raise ValueError(f'Layer "{self.name}": dims={self.dims} permutes '
                             f"{len(self.dims)} axes, but inputs of shape "
                             f"{tuple(input_shape)} have {len(input_shape) - 1} besides the batch")

    def compute_output_shape(self, input_shape):
        return (input_shape[0],) + tuple(input_shape[d] for d in self.dims)

    def forward(self, x, training=False):
        return permute_forward(x, self.dims)

    def backward(self, dout, cache, need_dx=True):
        return permute_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "dims": list(self.dims)}
