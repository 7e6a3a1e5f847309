"""``Dropout``: zero a random fraction of the inputs while training (inverted dropout)."""

import numpy as np

from course.keras import backend
from course.keras.layers.layer import Layer
from course.ops.dropout import dropout_backward, dropout_forward


class Dropout(Layer):
    """``Dropout(rate, noise_shape=None, seed=None)``; the identity at inference.

    Masks come from the layer's own generator when ``seed`` is given, else from the
    session's (``utils.set_random_seed`` makes them repeat).
    """

    supports_masking = True

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate < 1:
            raise ValueError(f"Invalid value received for argument `rate`. Expected a float "
                             f"value between 0 and 1. Received: rate={rate}")
        self.rate, self.noise_shape, self.seed = float(rate), noise_shape, seed
        self._rng = np.random.default_rng(seed) if seed is not None else None

    def forward(self, x, training=False):
        return dropout_forward(x, self.rate, seed=self._rng or backend.rng(),
                               training=training, noise_shape=self.noise_shape)

    def backward(self, dout, cache, need_dx=True):
        return dropout_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed,
                "noise_shape": None if self.noise_shape is None else list(self.noise_shape)}
