"""``MaxPooling1D`` and ``AveragePooling1D``, on ``course.ops.pooling1d``."""

from course.keras.layers.base_pooling import BasePooling
from course.ops.pooling1d import (average_pool1d_backward, average_pool1d_forward,
                                  max_pool1d_backward, max_pool1d_forward)


class MaxPooling1D(BasePooling):
    """The largest value of each ``pool_size`` window: ``(N, L, C) -> (N, L', C)``."""

    rank = 1
    pair = (max_pool1d_forward, max_pool1d_backward)


class AveragePooling1D(BasePooling):
    """The mean of each ``pool_size`` window (over its steps inside the sequence for "same")."""

    rank = 1
    pair = (average_pool1d_forward, average_pool1d_backward)
