"""``RandomTranslation``: shift each image by a random fraction of its size."""

import numpy as np

from course.keras.layers.preprocessing.random_affine_layer import RandomAffineLayer
from course.keras.layers.preprocessing.random_layer import factor_range


class RandomTranslation(RandomAffineLayer):
    """``RandomTranslation(height_factor, width_factor, fill_mode="reflect", ...)``: shifts
    drawn from ``factor * size`` (``0.1`` means up to 10% either way; a pair gives the
    range; positive moves the content down / right)."""

    def __init__(self, height_factor, width_factor, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, **kwargs):
        super().__init__(fill_mode, interpolation, seed, fill_value, **kwargs)
        self.height_factor, self.width_factor = height_factor, width_factor
        self.height_range = factor_range(height_factor, "height_factor", self.name)
        self.width_range = factor_range(width_factor, "width_factor", self.name)

    def matrices(self, n, height, width, rng):
        m = np.zeros((n, 2, 3))
        m[:, 0, 0] = m[:, 1, 1] = 1
        m[:, 0, 2] = -rng.uniform(*self.height_range, n) * height
        m[:, 1, 2] = -rng.uniform(*self.width_range, n) * width
        return m

    def get_config(self):
        return {**super().get_config(), "height_factor": self.height_factor,
                "width_factor": self.width_factor}
