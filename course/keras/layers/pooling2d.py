"""``MaxPooling2D`` and ``AveragePooling2D``, on ``course.ops.pooling``."""

from course.keras.layers.base_pooling import BasePooling
from course.ops.pooling import (average_pool2d_backward, average_pool2d_forward,
                                max_pool2d_backward, max_pool2d_forward)


class MaxPooling2D(BasePooling):
    """The largest value of each ``pool_size`` window: ``(N, H, W, C) -> (N, H', W', C)``."""

    rank = 2
    pair = (max_pool2d_forward, max_pool2d_backward)


class AveragePooling2D(BasePooling):
    """The mean of each ``pool_size`` window (over its valid cells with "same" padding)."""

    rank = 2
    pair = (average_pool2d_forward, average_pool2d_backward)
