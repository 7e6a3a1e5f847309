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


def functional_arguments(args, kwargs):
    """Whether a Model subclass is called as ``CustomModel(inputs, outputs)`` (Keras's rule)."""
    return len(args) == 2 or (len(args) == 1 and "outputs" in kwargs) or (
        "inputs" in kwargs and "outputs" in kwargs)


_FUNCTIONAL_SUBCLASSES = {}


def functional_subclass(cls, functional):
    """``cls`` (a Model subclass with, say, its own ``train_step``) on a functional graph:
    a class deriving from ``cls`` and ``Functional``, as Keras makes ``CustomModel(inputs,
    outputs)`` a functional model that keeps the subclass's methods."""
    if issubclass(cls, functional):
        return cls
    if cls not in _FUNCTIONAL_SUBCLASSES:
        _FUNCTIONAL_SUBCLASSES[cls] = type(cls.__name__, (cls, functional),
                                           {"__module__": cls.__module__,
                                            "__qualname__": cls.__qualname__})
    return _FUNCTIONAL_SUBCLASSES[cls]
