"""``GlobalAveragePooling1D`` and ``GlobalMaxPooling1D``: ``(N, L, C) -> (N, C)``.

``GlobalAveragePooling1D`` supports masking as Keras's does: given ``mask`` ``(N, L)`` (from
an ``Embedding(mask_zero=True)`` or a ``Masking`` layer), it averages the real steps only,
and passes no mask on. ``GlobalMaxPooling1D`` ignores masks, as Keras's does.
"""

from course.keras.layers.base_pooling import BaseGlobalPooling
from course.ops.pooling1d import (global_average_pool1d_backward, global_average_pool1d_forward,
                                  global_max_pool1d_backward, global_max_pool1d_forward)


class GlobalAveragePooling1D(BaseGlobalPooling):
    """The mean of each channel over the steps (the unmasked steps, given a mask)."""

    rank = 1
    pair = (global_average_pool1d_forward, global_average_pool1d_backward)
    supports_masking = True
    uses_mask = True

    def pool(self, x, mask):
        return global_average_pool1d_forward(x, mask)

    def compute_mask(self, inputs, mask=None):
        return None


class GlobalMaxPooling1D(BaseGlobalPooling):
    """The largest value of each channel over the steps."""

    rank = 1
    pair = (global_max_pool1d_forward, global_max_pool1d_backward)
