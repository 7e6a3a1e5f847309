"""``to_categorical`` and ``normalize``."""

import numpy as np


def to_categorical(y, num_classes=None, dtype="float32"):
    """Integer class labels ``(N,)`` (or ``(N, 1)``) -> one-hot ``(N, num_classes)``.

    ``num_classes`` defaults to ``max(y) + 1``. Raises ValueError for negative or
    fractional labels, or labels ``>= num_classes``.
    """
    y = np.asarray(y)
    if y.ndim > 1 and y.shape[-1] == 1:
        y = y.reshape(y.shape[:-1])
    if y.dtype.kind == "f":
        if not np.all(y == np.round(y)):
            raise ValueError("to_categorical expects integer class labels, got fractional values")
    elif y.dtype.kind not in "iub":
        raise ValueError(f"to_categorical expects integer class labels, got dtype {y.dtype}")
    y = y.astype(np.int64)
    if y.size and y.min() < 0:
        raise ValueError(f"to_categorical expects labels >= 0, got {y.min()}")
    if num_classes is None:
        num_classes = int(y.max()) + 1 if y.size else 0
    elif y.size and y.max() >= num_classes:
        raise ValueError(f"label {y.max()} is out of range for num_classes={num_classes}")
    out = np.zeros(y.shape + (num_classes,), dtype=dtype)
    np.put_along_axis(out, y[..., None], 1, axis=-1)
    return out


def normalize(x, axis=-1, order=2):
    """Scale ``x`` to unit ``order``-norm along ``axis`` (zero vectors stay zero)."""
    x = np.asarray(x, dtype=np.float32)
    norm = np.linalg.norm(x, ord=order, axis=axis, keepdims=True)
    return x / np.where(norm == 0, 1, norm)
