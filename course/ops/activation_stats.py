"""How the scale of the activations evolves through a deep stack of layers: the
measurement behind an initializer's choice of variance."""

import numpy as np

from course.ops.activations import ACTIVATIONS


def layer_stds(x: np.ndarray, weights: list, activation: str = 'tanh') -> np.ndarray:
    """Standard deviation of the activations after each layer of a deep stack (no biases).

    Args:
        x: inputs ``(N, D_0)``.
        weights: a list of ``L`` kernels, ``weights[l]`` of shape ``(D_l, D_{l+1})``.
        activation: ``"linear"``, ``"relu"``, ``"tanh"`` or ``"sigmoid"``.

    Returns:
        array ``(L,)``: ``stds[l] = std(h_{l+1})`` where ``h_0 = x`` and
        ``h_{l+1} = f(h_l @ weights[l])`` (the std over all ``N * D_{l+1}`` values).
    """
    forward = ACTIVATIONS[activation][0]
    h = x
    stds = []
    for W in weights:
        h, _ = forward(h @ W)
        stds.append(h.std())
    return np.array(stds)
