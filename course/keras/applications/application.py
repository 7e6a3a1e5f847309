"""What every application constructor does around its own body of layers (as each file of
Keras's ``applications`` does): check ``weights``, choose the input, add the classifier
top or the pooling, make the functional model, and load the weights.
"""

import os

from course.keras.applications import imagenet_utils, weights_file
from course.keras.applications.weights_cache import get_file
from course.keras.layers import Dense, GlobalAveragePooling2D, GlobalMaxPooling2D, Input
from course.keras.layers.input_layer import InputLayer
from course.keras.layers.keras_tensor import KerasTensor
from course.keras.models.functional import Functional


def check_weights(weights, include_top, classes, pretrained=("imagenet",), top_classes=1000):
    """Keras's checks of ``weights`` (None, a pretrained name, or a file) and ``classes``."""
    if not (weights is None or weights in pretrained
            or (isinstance(weights, (str, os.PathLike)) and os.path.exists(weights))):
        names = ", ".join(repr(p) for p in pretrained)
        raise ValueError("The `weights` argument should be either `None` (random "
                         f"initialization), {names} (pre-training), or the path to the weights "
                         f"file to be loaded.  Received: weights={weights}")
    if weights in pretrained and include_top and classes != top_classes:
        raise ValueError(f"If using `weights={weights!r}` with `include_top=True`, `classes` "
                         f"should be {top_classes}.  Received classes={classes}")


def source_inputs(tensor):
    """The ``Input`` tensors ``tensor`` is computed from (Keras's ``get_source_inputs``)."""
    if isinstance(tensor.layer, InputLayer) and not tensor.inputs:
        return [tensor]
    found = []
    for t in tensor.inputs:
        found += [s for s in source_inputs(t) if all(s is not f for f in found)]
    return found


def image_input(input_tensor, input_shape):
    """``input_tensor`` (a KerasTensor) if given, else a new ``Input(input_shape)``."""
    if input_tensor is None:
        return Input(shape=input_shape)
    if not isinstance(input_tensor, KerasTensor):
        raise ValueError(f"input_tensor must be a Keras tensor (from keras.Input() or a layer "
                         f"call); Received {input_tensor!r} of type {type(input_tensor).__name__}")
    return input_tensor


def top_or_pooling(x, include_top, pooling, classes, classifier_activation, weights,
                   pool_name=None, max_pool_name=None):
    """The classifier (global average pooling + ``predictions``) or the optional pooling."""
    if include_top:
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = GlobalAveragePooling2D(name=pool_name)(x)
        return Dense(classes, activation=classifier_activation, name="predictions")(x)
    if pooling == "avg":
        return GlobalAveragePooling2D(name=pool_name)(x)
    if pooling == "max":
        return GlobalMaxPooling2D(name=max_pool_name)(x)
    if pooling is not None:
        raise ValueError(f"pooling must be None, 'avg' or 'max'. Received: pooling={pooling!r}")
    return x


def finish(img_input, input_tensor, x, name, weights, weights_name=None):
    """Make the model and load ``weights``: a pretrained file by name, or a file path."""
    inputs = source_inputs(input_tensor) if input_tensor is not None else [img_input]
    model = Functional(inputs[0] if len(inputs) == 1 else inputs, x, name=name)
    if weights is not None:
        path = get_file(weights_name) if weights_name is not None else weights
        weights_file.load_weights(model, path)
    return model
