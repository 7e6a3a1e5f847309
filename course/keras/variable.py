"""A layer's weight: a named numpy array with a trainable flag and an optional penalty."""

import numpy as np


class Variable:
    """A weight of a layer (and ``tf.Variable``).

    Under a recording tape, reading it in ``keras.ops`` code (``ops.matmul(x, self.w)``,
    ``x * self.w``) watches it when it is trainable; its arithmetic operators are
    ``keras.ops``'s.

    Attributes:
        name: e.g. ``"kernel"``, ``"bias"``; ``path`` adds the layer: ``"dense/kernel"``.
        value: the numpy array (C-contiguous; optimizers update it in place).
        trainable: whether ``fit`` updates it.
        regularizer: a callable penalty (``course.keras.regularizers``) or None.
    """

    is_variable = True
    __array_priority__ = 20

    def __init__(self, value, name="Variable", trainable=True, regularizer=None, path=None):
        value = np.asarray(value)
        self.value = value if value.flags.c_contiguous else np.ascontiguousarray(value)
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

    def assign_add(self, delta):
        """``value += delta`` in place."""
        self.assign(self.value + np.asarray(delta))
        return self

    def assign_sub(self, delta):
        """``value -= delta`` in place."""
        self.assign(self.value - np.asarray(delta))
        return self

    def value_tensor(self):
        """The value as a Tensor, recorded on a tape that watches this variable."""
        from course.keras.ops.core import convert_to_tensor
        return convert_to_tensor(self)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        inputs = tuple(x.value_tensor() if isinstance(x, Variable) else x for x in inputs)
        return getattr(ufunc, method)(*inputs, **kwargs)

    __add__ = lambda self, o: np.add(self, o)  # noqa: E731
    __radd__ = lambda self, o: np.add(o, self)  # noqa: E731
    __sub__ = lambda self, o: np.subtract(self, o)  # noqa: E731
    __rsub__ = lambda self, o: np.subtract(o, self)  # noqa: E731
    __mul__ = lambda self, o: np.multiply(self, o)  # noqa: E731
    __rmul__ = lambda self, o: np.multiply(o, self)  # noqa: E731
    __truediv__ = lambda self, o: np.true_divide(self, o)  # noqa: E731
    __rtruediv__ = lambda self, o: np.true_divide(o, self)  # noqa: E731
    __matmul__ = lambda self, o: np.matmul(self, o)  # noqa: E731
    __rmatmul__ = lambda self, o: np.matmul(o, self)  # noqa: E731
    __pow__ = lambda self, k: np.power(self, k)  # noqa: E731
    __neg__ = lambda self: np.negative(self)  # noqa: E731
    __getitem__ = lambda self, i: self.value_tensor()[i]  # noqa: E731

    def __array__(self, dtype=None, copy=None):
        return self.value if dtype is None else self.value.astype(dtype)

    def __repr__(self):
        return f"<Variable path={self.path} shape={self.shape} dtype={self.dtype}>"
