"""Gradient clipping by the global norm of a list of gradients (Keras's ``global_clipnorm``)."""

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
