"""``keras.ops.categorical_crossentropy``, ``sparse_categorical_crossentropy`` and
``binary_crossentropy``: per-sample cross-entropies written in ``keras.ops`` (so a tape
differentiates them), as Keras 3's TensorFlow backend computes them: probabilities are
rescaled to sum to 1 and clipped to ``[1e-7, 1 - 1e-7]`` before the log."""

import numpy as np

from course.keras.ops import nn
from course.keras.ops import numpy as knp
from course.keras.ops.core import convert_to_tensor

EPSILON = 1e-7


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """``-sum(target * log(output), axis)``: one value per sample."""
    target, output = convert_to_tensor(target), convert_to_tensor(output)
    if np.shape(target) != np.shape(output):
        raise ValueError(f"Arguments `target` and `output` must have the same shape. "
                         f"Received: target.shape={np.shape(target)}, "
                         f"output.shape={np.shape(output)}")
    if from_logits:
        log_probs = nn.log_softmax(output, axis=axis)
    else:
        output = knp.divide(output, knp.sum(output, axis=axis, keepdims=True))
        log_probs = knp.log(knp.clip(output, EPSILON, 1.0 - EPSILON))
    return knp.negative(knp.sum(knp.multiply(target, log_probs), axis=axis))


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """As :func:`categorical_crossentropy` with integer class ids as ``target``."""
    output = convert_to_tensor(output)
    ids = np.asarray(target).astype(np.int64)
    if ids.ndim == np.ndim(output) and ids.shape[-1] == 1:
        ids = ids[..., 0]
    one_hot = nn.one_hot(ids, np.shape(output)[axis], axis=axis, dtype=output.dtype)
    return categorical_crossentropy(one_hot, output, from_logits=from_logits, axis=axis)


def binary_crossentropy(target, output, from_logits=False):
    """Elementwise ``-(t log p + (1 - t) log(1 - p))`` (no mean)."""
    target, output = convert_to_tensor(target), convert_to_tensor(output)
    if from_logits:
        output = nn.sigmoid(output)
    output = knp.clip(output, EPSILON, 1.0 - EPSILON)
    positive = knp.multiply(target, knp.log(output))
    negative = knp.multiply(knp.subtract(1.0, target), knp.log(knp.subtract(1.0, output)))
    return knp.negative(knp.add(positive, negative))
