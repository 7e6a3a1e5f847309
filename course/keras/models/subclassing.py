"""What a model written by subclassing (``class M(keras.Model): def call(self, x)``) needs
beyond a layer: building on the data's shape, and a training step that custom
``train_step``/``test_step`` code can call into (``compute_loss``, ``metrics``)."""

import numpy as np

from course.keras.ops.tape import value_of


def build_by_calling(model, input_shape):
    """Build ``model`` (and every layer in it) by calling it on one sample of zeros."""
    shapes = input_shape if isinstance(input_shape, list) else None
    one = ([np.zeros((1,) + tuple(s[1:]), model.dtype) for s in shapes] if shapes
           else np.zeros((1,) + tuple(input_shape[1:]), model.dtype))
    model.built, model.input_shape = True, input_shape
    out = value_of(model(one, training=False))
    model.output_shape = (None,) + np.shape(out)[1:]
