"""``Normalization``: shift and scale features to mean 0 and variance 1 (``adapt`` learns
the statistics)."""

import numpy as np

from course.data.pipeline.eager_array import EagerArray
from course.keras import backend
from course.keras.layers.layer import Layer
from course.keras.layers.preprocessing.adapt_data import adapt_batches
from course.ops.scale_shift import scale_shift_backward, scale_shift_forward


class Normalization(Layer):
    """``Normalization(axis=-1, mean=None, variance=None, invert=False)``.

    ``out = (x - mean) / max(sqrt(variance), 1e-7)``; ``invert=True`` maps back,
    ``out = mean + x * sqrt(variance)``. ``axis`` holds the axes that keep their own
    statistics (``-1``: one mean per feature/channel; ``None``: one for everything).
    ``adapt(data)`` computes them from an array or an iterable of batches.
    """

    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        self.axis = () if axis is None else (axis,) if isinstance(axis, int) else tuple(axis)
        if (mean is None) != (variance is None):
            raise ValueError(f"When setting values directly, both `mean` and `variance` must "
                             f"be set. Received: mean={mean} and variance={variance}")
        self.invert = invert
        self.mean = None if mean is None else np.asarray(mean, np.float32)
        self.variance = None if variance is None else np.asarray(variance, np.float32)

    def _kept(self, ndim):
        if any(not -ndim <= a < ndim for a in self.axis):
            raise ValueError(f'Layer "{self.name}": axis={self.axis} is out of range for '
                             f"inputs of rank {ndim}")
        return tuple(sorted(a % ndim for a in self.axis))

    def adapt(self, data):
        """Compute ``mean`` and ``variance`` over every axis but ``axis`` (in float64); they
        keep the input's rank, 1 on the reduced axes (e.g. ``(1, 1, 1, C)``), as Keras's."""
        count, total, squares = 0, 0.0, 0.0
        for batch in adapt_batches(data, self.name):
            batch = batch.astype(np.float64)
            if batch.ndim == 1 and self.axis:
                batch = batch[:, None]
            kept = self._kept(batch.ndim)
            reduce = tuple(i for i in range(batch.ndim) if i not in kept)
            count += batch.size // max(1, int(np.prod([batch.shape[i] for i in kept])))
            total = total + batch.sum(axis=reduce, keepdims=True)
            squares = squares + (batch * batch).sum(axis=reduce, keepdims=True)
        mean = total / count
        self.mean = mean.astype(np.float32).view(EagerArray)  # .numpy(), as Keras's weights
        self.variance = np.maximum(squares / count - mean * mean, 0).astype(
            np.float32).view(EagerArray)

    def forward(self, x, training=False):
        if self.mean is None:
            raise ValueError(f'Layer "{self.name}": call adapt(data) or pass mean= and '
                             f"variance= before using the Normalization layer")
        x = np.asarray(x)
        kept = self._kept(x.ndim)
        shape = tuple(x.shape[i] if i in kept else 1 for i in range(x.ndim))
        sizes = tuple(x.shape[i] for i in kept)
        try:
            mean = np.broadcast_to(np.squeeze(self.mean), sizes).reshape(shape)
            variance = np.broadcast_to(np.squeeze(self.variance), sizes).reshape(shape)
        except ValueError:
            raise ValueError(f'Layer "{self.name}": mean of shape {self.mean.shape} does not '
                             f"fit inputs of shape {x.shape} on axis={self.axis}") from None
        std = np.maximum(np.sqrt(variance), np.float32(backend.epsilon()))
        if self.invert:
            return scale_shift_forward(x, std, mean)
        return scale_shift_forward(x, 1 / std, -mean / std)

    def backward(self, dout, cache, need_dx=True):
        return scale_shift_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "axis": list(self.axis) or None, "invert": self.invert,
                "mean": None if self.mean is None else self.mean.tolist(),
                "variance": None if self.variance is None else self.variance.tolist()}
