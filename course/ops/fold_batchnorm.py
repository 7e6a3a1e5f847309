"""Batch normalization folded into the layer before it, for inference.

At inference a ``BatchNormalization`` layer is an affine map per channel ``c``, with its
*moving* statistics::

    bn(z) = gamma * (z - moving_mean) / sqrt(moving_var + epsilon) + beta
          = scale * z + (beta - scale * moving_mean),   scale = gamma / sqrt(moving_var + epsilon)

When ``z = x W + b`` (a Dense layer) or ``z = conv(x, W) + b`` (a Conv2D), output channel
``c`` of ``z`` is linear in column ``c`` of the kernel, so the whole pair is one layer::

    W' = W * scale   (every output channel c of W, the last axis, times scale[c])
    b' = scale * (b - moving_mean) + beta

One matrix product (or convolution) instead of a product and a normalizing pass: what
inference engines do with a trained, frozen network.
"""

import numpy as np


def fold_batchnorm(W: np.ndarray, b: np.ndarray, gamma: np.ndarray, beta: np.ndarray,
                   moving_mean: np.ndarray, moving_var: np.ndarray,
                   epsilon: float = 1e-3) -> tuple:
    """The kernel and bias of one layer that computes ``BN(layer(x))`` at inference.

    Args:
        W: kernel with the output channels last: ``(D_in, C)`` (Dense) or
            ``(kh, kw, C_in, C)`` (Conv2D).
        b: bias, shape ``(C,)``.
        gamma, beta, moving_mean, moving_var: the BatchNormalization weights, ``(C,)`` each.
        epsilon: BatchNormalization's epsilon (Keras: 1e-3).

    Returns:
        (W_folded, b_folded): shapes of ``W`` and ``b``, in ``W``'s dtype.
    """
    c = np.shape(W)[-1]
    for name, v in (("b", b), ("gamma", gamma), ("beta", beta), ("moving_mean", moving_mean),
                    ("moving_var", moving_var)):
        if np.shape(v) != (c,):
            raise ValueError(f"fold_batchnorm: {name} of shape ({c},) expected (the kernel's "
                             f"last axis), got {np.shape(v)}")
    scale = gamma / np.sqrt(moving_var + epsilon)
    dtype = np.asarray(W).dtype
    return (W * scale).astype(dtype), (scale * (b - moving_mean) + beta).astype(dtype)
