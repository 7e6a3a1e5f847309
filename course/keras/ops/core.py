"""``keras.ops``'s core functions: converting to and from Tensors, casting, shapes."""

import numpy as np

from course.keras.ops.tape import is_variable, record, value_of
from course.keras.ops.tensor import Tensor, as_tensor
from course.ops.cast import cast_backward, cast_forward


def convert_to_tensor(x, dtype=None, sparse=None):
    """``x`` (an array, a list, a number, a Variable) as a :class:`Tensor`.

    A Tensor of the right dtype is returned as it is (its tape record kept); a Python
    float or list of floats becomes float32, as in Keras.
    """
    if isinstance(x, Tensor) and (dtype is None or x.dtype == np.dtype(dtype)):
        return x
    if isinstance(x, Tensor) or is_variable(x):
        return cast(x, dtype or value_of(x).dtype)
    if dtype is None:
        array = np.asarray(x)
        if array.dtype == np.float64 and not isinstance(x, (np.ndarray, np.generic)):
            array = array.astype(np.float32)
        elif array.dtype == np.int64 and not isinstance(x, (np.ndarray, np.generic)):
            array = array.astype(np.int32)
        return as_tensor(array)
    return as_tensor(np.asarray(x, dtype=dtype))


def convert_to_numpy(x):
    """The values of ``x`` as a plain numpy array."""
    return np.array(value_of(x))


def cast(x, dtype):
    """``x`` as ``dtype``; the gradient flows between floating dtypes only."""
    return record("cast", cast_forward, cast_backward, (x,), dtype=np.dtype(dtype))


def shape(x):
    """The shape of ``x``, a tuple of ints."""
    return tuple(np.shape(value_of(x)))


def dtype(x):
    """The dtype's name, e.g. ``"float32"``."""
    return str(np.asarray(value_of(x)).dtype)


def stop_gradient(variable):
    """The values of ``variable``, which no gradient flows back through."""
    return as_tensor(np.array(value_of(variable)))


def is_tensor(x):
    return isinstance(x, Tensor)
