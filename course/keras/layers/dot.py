"""``Dot(axes, normalize=False)``: the dot product of two inputs, sample by sample."""

from course.keras.layers.merging import Merge
from course.ops.merge import (batch_dot_backward, batch_dot_forward, l2_normalize_backward,
                              l2_normalize_forward)


class Dot(Merge):
    """Contract axis ``axes[0]`` of the first input with axis ``axes[1]`` of the second.

    Args:
        axes: an int (the same axis of both) or a pair; counted with the batch axis, so
            ``axes=1`` on ``(N, d)`` inputs is the dot product of two vectors -> ``(N, 1)``.
        normalize: l2-normalize both inputs along their ``axes`` first (cosine similarity).
    """

    min_inputs = max_inputs = 2

    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axes, (list, tuple)):
            if len(axes) != 2 or not all(isinstance(a, int) for a in axes):
                raise ValueError(f'Layer "{self.name}" (Dot): `axes` must be an integer or a '
                                 f"list of 2 integers. Received: axes={axes!r}")
            axes = list(axes)
        elif not isinstance(axes, int):
            raise TypeError(f'Layer "{self.name}" (Dot): `axes` must be an integer or a list '
                            f"of 2 integers. Received: axes={axes!r}")
        self.axes = axes
        self.normalize = normalize

    def _axes(self, shape_x, shape_y):
        axes = self.axes if isinstance(self.axes, list) else [self.axes, self.axes]
        return [axes[0] % len(shape_x), axes[1] % len(shape_y)]

    def compute_output_shape(self, input_shape):
        shape_x, shape_y = (tuple(s) for s in input_shape)
        ax, ay = self._axes(shape_x, shape_y)
        if 0 in (ax, ay):
            raise ValueError(f'Layer "{self.name}" (Dot) cannot contract the batch axis: '
                             f"axes={self.axes} on input shapes {shape_x}, {shape_y}")
        if shape_x[ax] is not None and shape_y[ay] is not None and shape_x[ax] != shape_y[ay]:
            raise ValueError(f'Layer "{self.name}" (Dot): Incompatible input shapes: axis '
                             f"values {shape_x[ax]} (at axis {ax}) != {shape_y[ay]} (at axis "
                             f"{ay}). Full input shapes: {shape_x}, {shape_y}")
        out = [d for i, d in enumerate(shape_x) if i != ax] + \
              [d for i, d in enumerate(shape_y[1:], 1) if i != ay]
        return tuple(out + [1] if len(out) == 1 else out)

    def forward(self, xs, training=False):
        x, y = xs
        ax, ay = self._axes(x.shape, y.shape)
        norms = None
        if self.normalize:
            (x, cx), (y, cy) = l2_normalize_forward(x, ax), l2_normalize_forward(y, ay)
            norms = (cx, cy)
        out, cache = batch_dot_forward(x, y, (ax, ay))
        return out, (cache, norms)

    def backward(self, dout, cache, need_dx=True):
        dot_cache, norms = cache
        dx, dy = batch_dot_backward(dout, dot_cache)
        if norms is not None:
            dx, dy = l2_normalize_backward(dx, norms[0]), l2_normalize_backward(dy, norms[1])
        return [dx, dy], []

    def get_config(self):
        return {**super().get_config(), "axes": self.axes, "normalize": self.normalize}
