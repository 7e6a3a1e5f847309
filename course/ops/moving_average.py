"""The exponential moving average of a sequence, with Adam's bias correction."""

import numpy as np


def exponential_moving_average(values: np.ndarray, beta: float,
                               bias_correction: bool = True) -> np.ndarray:
    """Running average ``s_t = beta s_{t-1} + (1 - beta) x_t`` from ``s_0 = 0``.

    With ``bias_correction``, returns ``s_t / (1 - beta**t)`` (``t`` counts from 1).
    Shapes: ``values`` ``(T, ...)``; the result has the same shape (one average per step).
    """
    values = np.asarray(values)
    s = np.zeros(values.shape[1:], dtype=np.result_type(values, float))
    out = np.empty(values.shape, dtype=s.dtype)
    for t in range(1, len(values) + 1):
        s = beta * s + (1 - beta) * values[t - 1]
        out[t - 1] = s / (1 - beta ** t) if bias_correction else s
    return out
