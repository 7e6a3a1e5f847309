"""Flatten and reshape (Keras ``Flatten``, ``Reshape``): the batch axis stays, the rest is
laid out again in C order. Neither moves data when the input is C-contiguous."""

import numpy as np


def flatten_forward(x: np.ndarray) -> tuple:
    """``(N, d1, d2, ...)`` -> ``(N, d1 * d2 * ...)``; ``(N,)`` -> ``(N, 1)`` as Keras.

    Returns ``(out, cache)`` with ``cache`` the input shape.
    """
    x = np.asarray(x)
    if x.ndim < 1:
        raise ValueError(f"flatten_forward: expected x with a batch axis (N, ...), "
                         f"got shape {x.shape}")
    return x.reshape(x.shape[0], -1), x.shape


def flatten_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``(N, D)`` -> the input's shape."""
    return _back(dout, cache, "flatten_backward")


def reshape_forward(x: np.ndarray, target_shape: tuple) -> tuple:
    """``(N, ...)`` -> ``(N, *target_shape)``; ``target_shape`` excludes the batch axis and
    may hold one -1, as in Keras's ``Reshape``. Returns ``(out, cache)``."""
    x = np.asarray(x)
    if x.ndim < 1:
        raise ValueError(f"reshape_forward: expected x with a batch axis (N, ...), "
                         f"got shape {x.shape}")
    target = tuple(int(d) for d in target_shape)
    size = int(np.prod(x.shape[1:], dtype=np.int64))
    known = int(np.prod([d for d in target if d != -1], dtype=np.int64))
    unknown = target.count(-1)
    ok = all(d > 0 or d == -1 for d in target) and (
        (unknown == 0 and known == size) or (unknown == 1 and size % known == 0))
    if not ok:
        raise ValueError(f"reshape_forward: cannot reshape x of shape {x.shape} "
                         f"({size} values per sample) to target_shape {target}")
    return x.reshape((x.shape[0],) + target), x.shape


def reshape_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """The gradient in the input's shape."""
    return _back(dout, cache, "reshape_backward")


def _back(dout, shape, fn):
    dout = np.asarray(dout)
    if dout.size != int(np.prod(shape, dtype=np.int64)) or dout.shape[:1] != shape[:1]:
        raise ValueError(f"{fn}: dout of shape {dout.shape} does not match the input "
                         f"shape {shape}")
    return dout.reshape(shape)
