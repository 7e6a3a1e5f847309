"""``GaussianNoise``: add zero-mean Gaussian noise while training (a regularizer)."""

import numpy as np

from course.keras import backend
from course.keras.layers.layer import Layer
from course.ops.noise import gaussian_noise_backward, gaussian_noise_forward


class GaussianNoise(Layer):
    """``GaussianNoise(stddev, seed=None)``: ``x + N(0, stddev**2)`` when training, ``x`` at
    inference. With ``seed`` the layer draws from its own generator (the same noise for the
    same sequence of calls), else from the session's (``utils.set_random_seed``)."""

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not stddev >= 0:
            raise ValueError(f"Invalid value received for argument `stddev`. Expected a "
                             f"float value >= 0. Received: stddev={stddev}")
        self.stddev, self.seed = float(stddev), seed
        self._rng = np.random.default_rng(seed) if seed is not None else None

    def forward(self, x, training=False):
        return gaussian_noise_forward(x, self.stddev, self._rng or backend.rng(), training)

    def backward(self, dout, cache, need_dx=True):
        return gaussian_noise_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "stddev": self.stddev, "seed": self.seed}
