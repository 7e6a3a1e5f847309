"""``Embedding``: token ids -> rows of a trained table, on :mod:`course.ops.embedding`."""

import warnings

import numpy as np

from course.keras import initializers, regularizers
from course.keras.layers.layer import Layer
from course.ops.embedding import embedding_backward, embedding_forward


class Embedding(Layer):
    """``Embedding(input_dim, output_dim, embeddings_initializer="uniform",
    embeddings_regularizer=None, mask_zero=False)``.

    Shapes: ids ``(N, T)`` (any shape ``S``) -> ``S + (output_dim,)``; weight
    ``embeddings`` ``(input_dim, output_dim)``. With ``mask_zero=True`` id 0 is padding:
    the layer's mask (``ids != 0``) goes to the layers after it, and ``input_dim`` must
    count it.
    """

    batch_splittable = True

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform",
                 embeddings_regularizer=None, mask_zero=False, input_length=None, **kwargs):
        for arg, value in (("input_dim", input_dim), ("output_dim", output_dim)):
            if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"Both `input_dim` and `output_dim` should be positive, "
                                 f"Received {arg}={value!r}")
        if input_length is not None:
            warnings.warn("Argument `input_length` is deprecated. Just remove it.",
                          stacklevel=2)
        super().__init__(**kwargs)
        self.input_dim, self.output_dim = int(input_dim), int(output_dim)
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.mask_zero = bool(mask_zero)

    def build(self, input_shape):
        self.embeddings = self.add_weight(shape=(self.input_dim, self.output_dim),
                                          initializer=self.embeddings_initializer,
                                          regularizer=self.embeddings_regularizer,
                                          name='embeddings')

    def compute_output_shape(self, input_shape):
        return tuple(input_shape) + (self.output_dim,)

    def compute_mask(self, inputs, mask=None):
        return np.asarray(inputs) != 0 if self.mask_zero else None

    def forward(self, x, training=False):
        try:
            return embedding_forward(x, self.embeddings.value)
        except (ValueError, TypeError) as error:
            raise type(error)(f'Layer "{self.name}": {error}') from None

    def backward(self, dout, cache, need_dx=True):
        return None, [embedding_backward(dout, cache)]

    def get_config(self):
        return {**super().get_config(), "input_dim": self.input_dim,
                "output_dim": self.output_dim, "mask_zero": self.mask_zero,
                "embeddings_initializer": initializers.name_of(self.embeddings_initializer)}
