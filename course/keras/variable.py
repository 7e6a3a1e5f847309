"""A layer's weight: a named numpy array with a trainable flag and an optional penalty."""

import numpy as np


class Variable:
    """A weight of a layer.

    Attributes:
        name: e.g. ``"kernel"``, ``"bias"``; ``path`` adds the layer: ``"dense/kernel"``.
        value: the numpy array (C-contiguous; optimizers update it in place).
        trainable: whether ``fit`` updates it.
        regularizer: a callable penalty (``course.keras.regularizers``) or None.
    """

    def __init__(self, value, name, trainable=True, regularizer=None, path=None):
        self.value = np.ascontiguousarray(value)
        self.name = name
        self.path = path or name
        self.trainable = trainable
        self.regularizer = regularizer

    @property
    def shape(self):
        return self.value.shape

    @property
    def dtype(self):
        return self.value.dtype

    def numpy(self):
        """A copy of the value."""
        return self.value.copy()

    def assign(self, value):
        """Overwrite the value in place (the shape must match)."""
        try:
            value = np.asarray(value)
        except ValueError as err:  # a ragged nested list
            raise ValueError(f"cannot assign to weight '{self.path}' of shape {self.value.shape}:"
                             f" the value is not a rectangular array ({err})") from None
        if value.dtype.kind not in "biuf":
            raise TypeError(f"cannot assign an array of dtype {value.dtype} to weight "
                            f"'{self.path}' (shape {self.value.shape}, {self.value.dtype}): "
                            f"weights are numbers")
        if value.shape != self.value.shape:
            raise ValueError(f"cannot assign a value of shape {value.shape} to variable "
                             f"'{self.path}' of shape {self.value.shape}")
        self.value[...] = value

    def __array__(self, dtype=None, copy=None):
        return self.value if dtype is None else self.value.astype(dtype)

    def __repr__(self):
        return f"<Variable path={self.path} shape={self.shape} dtype={self.dtype}>"
