"""``RandomZoom``: zoom each image in or out by a random factor about its centre."""

import numpy as np

from course.keras.layers.preprocessing.random_affine_layer import RandomAffineLayer
from course.keras.layers.preprocessing.random_layer import factor_range


class RandomZoom(RandomAffineLayer):
    """``RandomZoom(height_factor, width_factor=None, fill_mode="reflect", ...)``: a factor
    ``f`` drawn from ``height_factor`` (``0.2`` means ``[-0.2, 0.2]``) shows ``1 + f`` times
    as much of the image: positive zooms out, negative zooms in. ``width_factor=None``
    keeps the aspect ratio (the same factor on both axes)."""

    def __init__(self, height_factor, width_factor=None, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, **kwargs):
        super().__init__(fill_mode, interpolation, seed, fill_value, **kwargs)
        self.height_factor, self.width_factor = height_factor, width_factor
        self.height_range = factor_range(height_factor, "height_factor", self.name)
        self.width_range = None if width_factor is None else \
            factor_range(width_factor, "width_factor", self.name)
        if min(self.height_range + (self.width_range or (0, 0))) < -1:
            raise ValueError(f'Layer "{self.name}": zoom factors must be >= -1, received '
                             f"height_factor={height_factor}, width_factor={width_factor}")

    def matrices(self, n, height, width, rng):
        zy = 1 + rng.uniform(*self.height_range, n)
        zx = zy if self.width_range is None else 1 + rng.uniform(*self.width_range, n)
        m = np.zeros((n, 2, 3))
        m[:, 0, 0], m[:, 1, 1] = zy, zx
        return m

    def get_config(self):
        return {**super().get_config(), "height_factor": self.height_factor,
                "width_factor": self.width_factor}
