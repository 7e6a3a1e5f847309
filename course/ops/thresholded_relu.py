"""Keras's general ReLU, ``ReLU(max_value, negative_slope, threshold)``, forward and backward.

    out = clip(x if x > threshold else 0, 0, max_value) - negative_slope * max(threshold - x, 0)

exactly as ``keras.activations.relu``: the positive part ``clip(x if x > threshold else 0,
0, max_value)`` minus ``negative_slope * relu(threshold - x)``.

With the defaults (no cap, no leak, threshold 0: ``layers.ReLU()``, the common case) that
is the plain rectifier, and the pair hands over to ``relu_forward`` / ``relu_backward``:
one pass each way instead of the general formula's eight (a profile of a convnet's
training step found the general formula taking half the step).
"""

import numpy as np

from course.ops.activations import relu_backward, relu_forward


def thresholded_relu_forward(x: np.ndarray, max_value: float | None = None,
                             negative_slope: float = 0.0, threshold: float = 0.0) -> tuple:
    """``x`` any shape -> ``(out, cache)``, ``out`` of the same shape and dtype."""
    x = np.asarray(x)
    x = x if x.dtype.kind == "f" else x.astype(np.float32)
    if max_value is None and negative_slope == 0 and threshold == 0:
        out, _ = relu_forward(x)
        return out, (out, None, 0.0, 0.0)     # out > 0 exactly where x > 0: the same mask
    t = x.dtype.type(threshold)
    positive = np.where(x > t, x, 0).astype(x.dtype)
    positive = np.maximum(positive, 0) if max_value is None else \
        np.clip(positive, 0, x.dtype.type(max_value))
    out = positive - x.dtype.type(negative_slope) * np.maximum(t - x, 0)
    return out.astype(x.dtype, copy=False), (x, max_value, negative_slope, threshold)


def thresholded_relu_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx``, shape of ``x``: 1 where ``x`` passes (above the threshold, above 0, below
    ``max_value``), ``negative_slope`` below the threshold, 0 elsewhere. The cache holds
    ``x``, or for the plain rectifier ``out`` (positive exactly where ``x`` is)."""
    x, max_value, negative_slope, threshold = cache
    if max_value is None and negative_slope == 0 and threshold == 0:
        return relu_backward(dout, x)
    passes = (x > threshold) & (x > 0)
    if max_value is not None:
        passes &= x < max_value
    slope = np.where(x < threshold, x.dtype.type(negative_slope), 0).astype(x.dtype)
    return np.asarray(dout) * (passes + slope)
