"""``RandomContrast``: scale each image's deviations from its mean by a random factor."""

import numpy as np

from course.keras.layers.preprocessing.random_layer import RandomLayer, factor_range


class RandomContrast(RandomLayer):
    """``RandomContrast(factor, value_range=(0, 255), seed=None)``: per image a contrast
    ``c`` from ``[1 - lower, 1 + upper]`` (``factor`` a float or ``(lower, upper)``), then
    ``out = clip((x - mean) * c + mean, *value_range)`` with each channel's mean."""

    def __init__(self, factor, value_range=(0, 255), seed=None, **kwargs):
        super().__init__(seed, **kwargs)
        lower, upper = factor_range(factor, "factor", self.name)
        lower, upper = (abs(lower), upper) if np.isscalar(factor) else (lower, upper)
        if not 0 <= lower <= 1 or upper < 0:
            raise ValueError(f'Layer "{self.name}": `factor` must be in [0, 1] (or a pair '
                             f"(lower, upper) of non-negative numbers), received "
                             f"factor={factor!r}")
        self.factor, self.lower, self.upper = factor, lower, upper
        self.value_range = tuple(value_range)

    def augment(self, x, rng):
        contrast = rng.uniform(1 - self.lower, 1 + self.upper, (len(x), 1, 1, 1))
        contrast = contrast.astype(x.dtype)
        mean = x.mean(axis=(1, 2), keepdims=True)
        raw = (x - mean) * contrast + mean
        out = np.clip(raw, *self.value_range).astype(x.dtype, copy=False)
        return out, (contrast, (raw >= self.value_range[0]) & (raw <= self.value_range[1]))

    def augment_backward(self, dout, cache):
        contrast, inside = cache
        d = dout * inside
        return d * contrast + (1 - contrast) * d.mean(axis=(1, 2), keepdims=True)

    def get_config(self):
        return {**super().get_config(), "factor": self.factor,
                "value_range": list(self.value_range)}
