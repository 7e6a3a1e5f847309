"""Gradient clipping by norm: each gradient by its own L2 norm (Keras's ``clipnorm``), or a
list of gradients by their global norm (Keras's ``global_clipnorm``)."""

import math

import numpy as np


def global_norm(grads: list) -> float:
    """``sqrt`` of the sum of every squared element of every array of ``grads``."""
    return math.sqrt(sum(float((g * g).sum()) for g in grads))


def clip_by_global_norm(grads: list, clip_norm: float) -> list:
    """Scale a list of gradients together so that their joint L2 norm is at most
    ``clip_norm``: ``g * clip_norm / max(global_norm, clip_norm)``, with
    ``global_norm = sqrt(sum of every squared element of every gradient)``.
    Returns a new list of arrays of the same shapes and dtypes; ``grads`` is left unchanged."""
    scale = clip_norm / max(global_norm(grads), clip_norm)
    return [g * np.asarray(g).dtype.type(scale) for g in grads]


def clip_by_norm(grad: np.ndarray, clip_norm: float) -> np.ndarray:
    """``grad`` scaled so that its L2 norm is at most ``clip_norm`` (Keras's ``clipnorm``,
    TensorFlow's ``clip_by_norm``): ``grad * clip_norm / max(||grad||, clip_norm)``, with
    ``||grad|| = sqrt(sum of its squared elements)``. A new array of ``grad``'s shape and
    dtype; a gradient already within the norm comes back unchanged."""
    grad = np.asarray(grad)
    return grad * grad.dtype.type(clip_norm / max(global_norm([grad]), clip_norm))
