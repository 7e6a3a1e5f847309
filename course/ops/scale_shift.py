"""Scale and shift elementwise, ``out = x * scale + offset`` (Keras ``Rescaling``, and
``Normalization`` with ``scale = 1 / std``, ``offset = -mean / std``)."""

import numpy as np


def scale_shift_forward(x: np.ndarray, scale: float | np.ndarray,
                        offset: float | np.ndarray = 0.0) -> tuple:
    """``x`` any shape; ``scale`` and ``offset`` scalars or arrays broadcastable to ``x``
    -> ``(out, cache)``, ``out`` float (float32 unless ``x`` is float64)."""
    x = np.asarray(x)
    dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float32)
    scale, offset = np.asarray(scale, dtype), np.asarray(offset, dtype)
    return (x.astype(dtype, copy=False) * scale + offset).astype(dtype, copy=False), \
        (scale, x.shape)


def scale_shift_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx = dout * scale``, the shape of ``x``."""
    scale, shape = cache
    return np.broadcast_to(np.asarray(dout) * scale, shape)
