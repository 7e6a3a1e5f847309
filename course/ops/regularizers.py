"""Weight penalties added to the loss, with their gradients.

``l1``: ``l1 * sum(|w|)``, gradient ``l1 * sign(w)``;
``l2``: ``l2 * sum(w**2)``, gradient ``2 * l2 * w`` (Keras's L2 has no 1/2);
``l1_l2``: the sum of both. Keras's default factor is 0.01.
"""

import numpy as np


def l1_l2_forward(w: np.ndarray, l1: float = 0.0, l2: float = 0.0) -> tuple:
    """Penalty ``l1 * sum(|w|) + l2 * sum(w**2)`` (a scalar) and the cache for the gradient."""
    penalty = 0.0
    if l1:
        penalty += l1 * float(np.abs(w).sum())
    if l2:
        penalty += l2 * float((w * w).sum())
    return penalty, (w, l1, l2)


def l1_l2_backward(dpenalty: float, cache: tuple) -> np.ndarray:
    """``dw = dpenalty * (l1 * sign(w) + 2 * l2 * w)``, shape of ``w``."""
    w, l1, l2 = cache
    dw = np.zeros_like(w)
    if l1:
        dw += w.dtype.type(l1) * np.sign(w)
    if l2:
        dw += w.dtype.type(2 * l2) * w
    return dw * w.dtype.type(dpenalty)
