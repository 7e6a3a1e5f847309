"""``TensorSpec``: the shape and dtype of each array of a dataset's elements.

``Dataset.element_spec`` is a structure of these, as in ``tf.data``: a dimension is
``None`` where elements differ (the batch axis of ``batch()`` without ``drop_remainder``).
"""

import numpy as np


class TensorSpec:
    """The ``shape`` (a tuple, ``None`` for an unknown size) and ``dtype`` of an array."""

    def __init__(self, shape, dtype=np.float32, name=None):
        self.shape = tuple(shape)
        self.dtype = np.dtype(dtype)
        self.name = name

    @classmethod
    def from_array(cls, array):
        array = np.asarray(array)
        return cls(array.shape, array.dtype)

    def __eq__(self, other):
        return isinstance(other, TensorSpec) and (self.shape, self.dtype, self.name) == \
            (other.shape, other.dtype, other.name)

    def __hash__(self):
        return hash((self.shape, self.dtype, self.name))

    def __repr__(self):
        return f"TensorSpec(shape={self.shape}, dtype={self.dtype}, name={self.name})"


class DatasetSpec:
    """The spec of an element that is itself a Dataset (each window of ``window()``)."""

    def __init__(self, element_spec, dataset_shape=()):
        self.element_spec = element_spec
        self.shape = tuple(dataset_shape)

    def __eq__(self, other):
        return isinstance(other, DatasetSpec) and (self.element_spec, self.shape) == \
            (other.element_spec, other.shape)

    def __hash__(self):
        return hash((DatasetSpec, self.shape))

    def __repr__(self):
        return f"DatasetSpec({self.element_spec!r}, TensorShape({list(self.shape)}))"
