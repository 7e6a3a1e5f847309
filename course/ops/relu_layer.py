"""Keras's general ReLU (``layers.ReLU``): a threshold, a ceiling and a slope below.

    out = min(x, max_value)                     where x > threshold
    out = negative_slope * (x - threshold)      where x <= threshold

``ReLU(max_value=6.0)`` is ReLU6, MobileNet's activation. The gradient is 1 strictly
between the threshold and the ceiling, ``negative_slope`` below the threshold, 0 above
the ceiling (as TensorFlow's relu6 has it).
"""

import numpy as np


def relu_layer_forward(x: np.ndarray, max_value: float | None = None, negative_slope: float = 0.0,
                       threshold: float = 0.0) -> tuple:
    """``x`` (any shape) -> ``(out, cache)``, same shape and dtype."""
    x = np.asarray(x)
    dtype = x.dtype.type
    above = x > threshold
    out = np.where(above, x, dtype(0))
    if max_value is not None:
        out = np.minimum(out, dtype(max_value))
    if negative_slope:
        out = out + np.where(above, dtype(0), dtype(negative_slope) * (x - dtype(threshold)))
    return out.astype(x.dtype, copy=False), (x, max_value, negative_slope, threshold)


def relu_layer_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dout`` -> ``dx``, same shape."""
    x, max_value, negative_slope, threshold = cache
    slope = (x > threshold).astype(x.dtype)
    if max_value is not None:
        slope *= x < max_value
    if negative_slope:
        slope += (x <= threshold) * x.dtype.type(negative_slope)
    return dout * slope
