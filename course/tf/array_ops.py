"""TensorFlow's array functions the tutorials use: ``tf.stack``, ``tf.concat``,
``tf.expand_dims``, ``tf.squeeze``, ``tf.fill``, ``tf.one_hot``, ``tf.clip_by_value``,
``tf.where``, ``tf.size``, on ``keras.ops`` (recorded by a ``tf.GradientTape``)."""

import numpy as np

from course.keras import ops


def _tensors(values):
    return [ops.convert_to_tensor(v) for v in values]


def stack(values, axis=0, name="stack"):
    """Tensors of one shape joined along a new ``axis``."""
    return ops.stack(_tensors(values), axis=axis)


def concat(values, axis, name="concat"):
    """Tensors joined along an existing ``axis``."""
    return ops.concatenate(_tensors(values), axis=axis)


def expand_dims(input, axis, name=None):  # noqa: A002
    """``input`` with a new axis of length 1 at ``axis``."""
    return ops.expand_dims(ops.convert_to_tensor(input), axis)


def squeeze(input, axis=None, name=None):  # noqa: A002
    """``input`` without its axes of length 1 (or only those in ``axis``)."""
    return ops.squeeze(ops.convert_to_tensor(input), tuple(axis) if isinstance(axis, list)
                       else axis)


def fill(dims, value, name=None):
    """A tensor of shape ``dims`` filled with ``value`` (of ``value``'s dtype)."""
    value = ops.convert_to_tensor(value)
    shape = tuple(int(d) for d in np.asarray(dims).reshape(-1))
    return ops.full(shape, value, dtype=value.dtype)


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype="float32",
            name=None):
    """Rows of ``off_value`` (0) with ``on_value`` (1) at each index; -1 or ``depth`` and
    above give a row of zeros, as TensorFlow."""
    indices = np.asarray(indices)
    out = (indices[..., None] == np.arange(depth)).astype(dtype)
    if on_value is not None or off_value is not None:
        on = 1 if on_value is None else on_value
        off = 0 if off_value is None else off_value
        out = np.where(out == 1, on, off).astype(dtype)
    if axis not in (None, -1):
        out = np.moveaxis(out, -1, axis)
    return ops.convert_to_tensor(out)


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    return ops.clip(ops.convert_to_tensor(t), clip_value_min, clip_value_max)


def where(condition, x=None, y=None, name=None):
    """``x`` where ``condition`` holds, ``y`` elsewhere; without them, the indices
    ``(count, rank)`` (int64) of the true elements."""
    if x is None and y is None:
        return ops.convert_to_tensor(np.argwhere(np.asarray(condition)).astype(np.int64))
    return ops.where(ops.convert_to_tensor(condition), ops.convert_to_tensor(x),
                     ops.convert_to_tensor(y))


def size(input, out_type="int32", name=None):  # noqa: A002
    """The number of elements of ``input``, a scalar tensor."""
    return ops.convert_to_tensor(np.asarray(np.size(input), dtype=out_type))
