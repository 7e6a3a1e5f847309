"""``GlobalAveragePooling2D`` and ``GlobalMaxPooling2D``: ``(N, H, W, C) -> (N, C)``."""

from course.keras.layers.base_pooling import BaseGlobalPooling
from course.ops.pooling import (global_average_pool2d_backward, global_average_pool2d_forward,
                                global_max_pool2d_backward, global_max_pool2d_forward)


class GlobalAveragePooling2D(BaseGlobalPooling):
    """The mean of each channel over the whole image."""

    rank = 2
    pair = (global_average_pool2d_forward, global_average_pool2d_backward)


class GlobalMaxPooling2D(BaseGlobalPooling):
    """The largest value of each channel over the whole image."""

    rank = 2
    pair = (global_max_pool2d_forward, global_max_pool2d_backward)
