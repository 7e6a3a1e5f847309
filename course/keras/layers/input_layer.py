"""``Input(shape)`` and ``InputLayer``: where a model's data enters."""

from course.keras.layers.keras_tensor import KerasTensor
from course.keras.layers.layer import Layer


class InputLayer(Layer):
    """The entry point of a model; passes its input through unchanged.

    Args:
        shape: the shape of one sample, without the batch axis (``input_shape`` also works).
        batch_size: optional fixed batch size.
    """

    batch_splittable = True

    def __init__(self, shape=None, batch_size=None, name=None, dtype=None, input_shape=None,
                 batch_input_shape=None, **kwargs):
        shape = shape if shape is not None else input_shape
        if batch_input_shape is None:
            if shape is None:
                raise ValueError("InputLayer needs a shape, e.g. InputLayer(shape=(784,))")
            shape = (shape,) if isinstance(shape, int) else tuple(shape)
            batch_input_shape = (batch_size,) + shape
        super().__init__(name=name, dtype=dtype, batch_input_shape=batch_input_shape, **kwargs)
        self.built = True
        self.input_shape = self.output_shape = self._batch_input_shape
        KerasTensor(self._batch_input_shape, self, dtype=str(self.dtype))  # becomes .output

    def forward(self, x, training=False):
        return x, None

    def backward(self, dout, cache, need_dx=True):
        return dout, []

    def get_config(self):
        return {"name": self.name, "dtype": str(self.dtype),
                "batch_input_shape": list(self._batch_input_shape)}


def Input(shape=None, batch_size=None, name=None, dtype=None, batch_shape=None):
    """A symbolic input of shape ``(batch_size,) + shape``, to start a functional model."""
    if batch_shape is not None:
        layer = InputLayer(batch_input_shape=batch_shape, name=name, dtype=dtype)
    else:
        layer = InputLayer(shape=shape, batch_size=batch_size, name=name, dtype=dtype)
    return layer.output
