"""``RandomAffineLayer``: the base of RandomRotation, RandomZoom and RandomTranslation,
which warp each image by a random affine map (bilinear sampling, ``fill_mode`` outside)."""

from course.data.augment import FILL_MODES, affine_warp
from course.keras.layers.preprocessing.random_layer import RandomLayer


class RandomAffineLayer(RandomLayer):
    """Subclasses implement ``matrices(n, height, width, rng)`` -> ``(n, 2, 3)``, mapping an
    output pixel's centred ``(row, col)`` to the input point it samples."""

    def __init__(self, fill_mode="reflect", interpolation="bilinear", seed=None,
                 fill_value=0.0, **kwargs):
        super().__init__(seed, **kwargs)
        if fill_mode not in FILL_MODES:
            raise ValueError(f'Layer "{self.name}": unknown `fill_mode` {fill_mode!r}; '
                             f"expected one of {sorted(FILL_MODES)}")
        if interpolation != "bilinear":
            raise ValueError(f'Layer "{self.name}": course.keras warps with '
                             f"interpolation='bilinear' only, received {interpolation!r}")
        self.fill_mode, self.interpolation, self.fill_value = fill_mode, interpolation, \
            fill_value

    def augment(self, x, rng):
        matrices = self.matrices(len(x), x.shape[1], x.shape[2], rng)
        return affine_warp(x, matrices, self.fill_mode, self.fill_value), matrices

    def get_config(self):
        return {**super().get_config(), "fill_mode": self.fill_mode,
                "interpolation": self.interpolation, "fill_value": self.fill_value}
