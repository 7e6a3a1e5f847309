"""Seeded weights for a model's layers, the same in Keras and in course.keras (numpy only).

Weight ``i`` of layer ``name`` is drawn from a generator seeded with ``crc32(name/i)``, so
it does not depend on the order a framework lists its layers or weights in. Kernels are
scaled by ``1/sqrt(fan_in)`` and batch-norm statistics kept positive, so that activations
stay of order one through fifty layers.
"""

import zlib

import numpy as np


def seeded_weight(layer_name, index, shape, class_name):
    """The value of weight ``index`` (of ``shape``) of layer ``layer_name``."""
    rng = np.random.default_rng(zlib.crc32(f"{layer_name}/{index}".encode()))
    if class_name == "BatchNormalization":  # gamma, beta, moving_mean, moving_variance
        if index in (0, 3):
            return rng.uniform(0.5, 1.5, shape).astype(np.float32)
        return (0.1 * rng.standard_normal(shape)).astype(np.float32)
    if len(shape) == 1:  # a bias
        return (0.1 * rng.standard_normal(shape)).astype(np.float32)
    fan_in = int(np.prod(shape[:-1])) if class_name != "DepthwiseConv2D" else int(
        np.prod(shape[:2]))
    return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(np.float32)


def set_seeded_weights(model):
    """Give every layer of ``model`` (Keras's or the course's) its seeded weights; a nested
    model's layers get theirs by their own names."""
    for layer in model.layers:
        if hasattr(layer, "layers"):
            set_seeded_weights(layer)
            continue
        weights = layer.get_weights()
        if weights:
            layer.set_weights([seeded_weight(layer.name, i, w.shape, type(layer).__name__)
                               for i, w in enumerate(weights)])
