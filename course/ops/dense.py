"""Dense (affine) layer: ``out = x @ W + b``.

The matrix products go to BLAS through numpy's ``@``, with as many threads as there are
free cores (``course.threads.follow_load``).
"""

import numpy as np

from course import threads


def dense_forward(x: np.ndarray, W: np.ndarray, b: np.ndarray | None = None) -> tuple:
    """Affine map over the last axis.

    Args:
        x: inputs, shape ``(N, D)`` (or ``(..., D)``: leading axes are kept).
        W: kernel, shape ``(D, M)``, as Keras stores it.
        b: bias, shape ``(M,)``, or ``None`` for no bias.

    Returns:
        out: shape ``(N, M)`` (or ``(..., M)``).
        cache: what :func:`dense_backward` needs: ``(x, W, has_bias)``.
    """
    if np.ndim(x) < 1 or np.ndim(W) != 2 or np.shape(x)[-1] != np.shape(W)[0]:
        raise ValueError(f"dense_forward: x of shape (N, D) and W of shape (D, M) expected, "
                         f"got x {np.shape(x)} and W {np.shape(W)}")
    threads.follow_load()
    out = x @ W
    if b is not None:
        if np.can_cast(np.result_type(out, b), out.dtype):
            out += b
        else:
            out = out + b
    return out, (x, W, b is not None)


def dense_backward(dout: np.ndarray, cache: tuple, need_dx: bool = True) -> tuple:
    """Gradients of :func:`dense_forward`.

    Args:
        dout: upstream gradient, shape ``(N, M)`` (or ``(..., M)``).
        cache: from :func:`dense_forward`.
        need_dx: skip the ``dx`` product (for the first layer of a network) when False.

    Returns:
        dx: shape of ``x`` (``None`` when ``need_dx`` is False),
        dW: shape ``(D, M)``,
        db: shape ``(M,)`` (``None`` when the layer has no bias).
    """
    x, W, has_bias = cache
    D, M = W.shape
    x2 = x.reshape(-1, D)
    d2 = dout.reshape(-1, M)
    dW = x2.T @ d2
    db = d2.sum(axis=0) if has_bias else None
    dx = (dout @ W.T) if need_dx else None
    return dx, dW, db
