"""``Masking``: mark the time steps whose features all equal ``mask_value`` as padding."""

import numpy as np

from course.keras.layers.layer import Layer


class Masking(Layer):
    """``Masking(mask_value=0.0)``: input ``(N, T, F)``; the mask ``(N, T)`` is True where
    some feature differs from ``mask_value``; the output is the input with the masked
    steps set to zero (as Keras's), and the mask goes to the layers after it."""

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        self.mask_value = mask_value

    def compute_mask(self, inputs, mask=None):
        return np.any(np.asarray(inputs) != self.mask_value, axis=-1)

    def forward(self, x, training=False):
        keep = self.compute_mask(x)[..., None].astype(x.dtype)
        return x * keep, keep

    def backward(self, dout, cache, need_dx=True):
        return dout * cache, []

    def get_config(self):
        return {**super().get_config(), "mask_value": self.mask_value}
