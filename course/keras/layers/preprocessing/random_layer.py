"""``RandomLayer``: the base of the random augmentation layers.

As in Keras 3 they transform their inputs only when training: ``fit`` calls them with
``training=True``, ``predict`` and ``evaluate`` with ``training=False`` (the identity),
and calling the layer directly, ``layer(images)``, augments (Keras's default). Each layer
draws from its own generator when given ``seed=`` (the same sequence of transforms for
the same seed), else from the session's (``utils.set_random_seed``).
"""

import numpy as np

from course.keras import backend
from course.keras.layers.layer import Layer
from course.keras.layers.up_sampling2d import require_images


def factor_range(factor, name, layer_name, symmetric=True):
    """``0.2`` -> ``(-0.2, 0.2)``; ``(lo, hi)`` stays; an error naming the argument else."""
    if np.isscalar(factor):
        lo, hi = (-abs(factor), abs(factor)) if symmetric else (0.0, float(factor))
    else:
        try:
            lo, hi = (float(f) for f in factor)
        except (TypeError, ValueError):
            raise ValueError(f'Layer "{layer_name}": `{name}` must be a float or a pair of '
                             f"floats, received {name}={factor!r}") from None
    if lo > hi:
        raise ValueError(f'Layer "{layer_name}": `{name}` must be (lower, upper) with lower '
                         f"<= upper, received {name}={factor!r}")
    return float(lo), float(hi)


class RandomLayer(Layer):
    """Subclasses implement ``augment(x, rng) -> (out, cache)`` and, when the transform has
    a gradient here, ``augment_backward(dout, cache)``."""

    image_preprocessing = True  # also takes one (H, W, C) image (layers/single_image.py)

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self._rng = np.random.default_rng(seed) if seed is not None else None

    def __call__(self, inputs, training=True):
        return super().__call__(inputs, training)

    def build(self, input_shape):
        require_images(self, input_shape)

    def forward(self, x, training=False):
        if not training:
            return x, None
        return self.augment(np.asarray(x), self._rng or backend.rng())

    def augment_backward(self, dout, cache):
        raise ValueError(f'Layer "{self.name}" ({type(self).__name__}) passes no gradient to '
                         f"the layers below it; put it before every layer with weights")

    def backward(self, dout, cache, need_dx=True):
        if cache is None:
            return dout, []
        return (self.augment_backward(dout, cache) if need_dx else None), []

    def get_config(self):
        return {**super().get_config(), "seed": self.seed}
