"""``Dropout``: zero a random fraction of the inputs while training (inverted dropout)."""

import numpy as np

from course.keras import backend
from course.keras.layers.layer import Layer
from course.ops.batch_parts import current_rows
from course.ops.dropout import dropout_backward, dropout_forward, dropout_mask


class Dropout(Layer):
    """``Dropout(rate, noise_shape=None, seed=None)``; the identity at inference.

    Masks come from the layer's own generator when ``seed`` is given, else from the
    session's (``utils.set_random_seed`` makes them repeat). A training step that runs the
    batch in two parts (:mod:`course.keras.trainers.batch_split`) first draws the mask of
    the whole batch (``draw_batch_mask``), so that each part takes its rows of the very
    mask the whole batch would have drawn.
    """

    supports_masking = True
    _batch_mask = None

    @property
    def batch_splittable(self):
        """Its masks can be drawn for a whole batch beforehand when its input's shape is
        known but for the batch axis (not for sequences of any length)."""
        shape = self.input_shape
        return isinstance(shape, tuple) and all(d is not None for d in shape[1:])

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate < 1:
            raise ValueError(f"Invalid value received for argument `rate`. Expected a float "
                             f"value between 0 and 1. Received: rate={rate}")
        self.rate, self.noise_shape, self.seed = float(rate), noise_shape, seed
        self._rng = np.random.default_rng(seed) if seed is not None else None

    def forward(self, x, training=False):
        rows = current_rows()
        mask = None
        if training and self._batch_mask is not None and rows is not None:
            mask = self._batch_mask[rows[0]:rows[1]]
            if len(mask) != len(x) or mask.ndim != x.ndim or any(
                    m not in (1, d) for m, d in zip(mask.shape[1:], x.shape[1:])):
                mask = None  # not the input it was drawn for (a layer called twice)
        return dropout_forward(x, self.rate, seed=self._rng or backend.rng(),
                               training=training, noise_shape=self.noise_shape, mask=mask)

    def draw_batch_mask(self, n):
        """Draw the training mask for a whole batch of ``n`` before it runs in parts (None
        clears it): the same draw as :meth:`forward` on the whole batch makes."""
        self._batch_mask = None if n is None or self.rate == 0.0 else dropout_mask(
            (n,) + tuple(self.input_shape[1:]), self.rate, self._rng or backend.rng(),
            self.dtype, self.batch_noise_shape(n))

    def batch_noise_shape(self, n):
        """``noise_shape`` for a batch of ``n`` (SpatialDropout2D: one draw per channel)."""
        return self.noise_shape

    def backward(self, dout, cache, need_dx=True):
        return dropout_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed,
                "noise_shape": None if self.noise_shape is None else list(self.noise_shape)}
