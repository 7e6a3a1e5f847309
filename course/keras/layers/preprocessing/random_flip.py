"""``RandomFlip``: flip each image left-right and/or upside down with probability 1/2."""

import numpy as np

from course.keras.layers.preprocessing.random_layer import RandomLayer

MODES = ("horizontal", "vertical", "horizontal_and_vertical")


class RandomFlip(RandomLayer):
    """``RandomFlip(mode="horizontal_and_vertical", seed=None)``; "horizontal" flips the
    width axis (left-right), "vertical" the height axis; each image draws its own coins."""

    def __init__(self, mode="horizontal_and_vertical", seed=None, **kwargs):
        super().__init__(seed, **kwargs)
        if mode not in MODES:
            raise ValueError(f"RandomFlip layer {self.name} received an unknown mode "
                             f"argument {mode!r}; expected one of {MODES}")
        self.mode = mode

    def augment(self, x, rng):
        n = len(x)
        flip_w = (rng.random(n) < 0.5) if "horizontal" in self.mode else np.zeros(n, bool)
        flip_h = (rng.random(n) < 0.5) if "vertical" in self.mode else np.zeros(n, bool)
        return self._flip(x, flip_h, flip_w), (flip_h, flip_w)

    @staticmethod
    def _flip(x, flip_h, flip_w):
        out = np.array(x, copy=True)
        out[flip_w] = out[flip_w, :, ::-1]
        out[flip_h] = out[flip_h, ::-1]
        return out

    def augment_backward(self, dout, cache):
        return self._flip(dout, *cache)

    def get_config(self):
        return {**super().get_config(), "mode": self.mode}
