"""``RandomRotation``: rotate each image by a random angle about its centre."""

import numpy as np

from course.keras.layers.preprocessing.random_affine_layer import RandomAffineLayer
from course.keras.layers.preprocessing.random_layer import factor_range


class RandomRotation(RandomAffineLayer):
    """``RandomRotation(factor, fill_mode="reflect", interpolation="bilinear", seed=None,
    fill_value=0.0)``: angles drawn uniformly from ``factor * 2 pi`` (``0.1`` means
    ``[-36, 36]`` degrees; a pair gives the range)."""

    def __init__(self, factor, fill_mode="reflect", interpolation="bilinear", seed=None,
                 fill_value=0.0, **kwargs):
        super().__init__(fill_mode, interpolation, seed, fill_value, **kwargs)
        self.factor = factor
        self.lower, self.upper = factor_range(factor, "factor", self.name)

    def matrices(self, n, height, width, rng):
        theta = rng.uniform(self.lower, self.upper, n) * 2 * np.pi
        cos, sin = np.cos(theta), np.sin(theta)
        m = np.zeros((n, 2, 3))
        m[:, 0, 0], m[:, 0, 1], m[:, 1, 0], m[:, 1, 1] = cos, -sin, sin, cos
        return m

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}
