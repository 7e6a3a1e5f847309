"""Cropping of images (Keras ``Cropping2D``, ``CenterCrop``), channels-last."""

import numpy as np


def cropping2d_forward(x: np.ndarray, cropping: tuple) -> tuple:
    """``x`` ``(N, H, W, C)``, ``cropping`` ``((top, bottom), (left, right))`` ->
    ``(out, cache)``, ``out`` ``(N, H - top - bottom, W - left - right, C)``."""
    x = np.asarray(x)
    if x.ndim != 4:
        raise ValueError(f"cropping2d_forward: expected x of shape (N, H, W, C) (4-D), got "
                         f"shape {x.shape}")
    (t, b), (l, r) = cropping
    n, h, w, c = x.shape
    if t + b >= h or l + r >= w:
        raise ValueError(f"cropping2d_forward: cropping {cropping} leaves nothing of an image "
                         f"of size {h}x{w} (x shape {x.shape})")
    return x[:, t:h - b, l:w - r, :], (x.shape, cropping)


def cropping2d_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx`` ``(N, H, W, C)``: ``dout`` in the kept window, 0 where cropped away."""
    shape, ((t, b), (l, r)) = cache
    dx = np.zeros(shape, dtype=np.asarray(dout).dtype)
    dx[:, t:shape[1] - b, l:shape[2] - r, :] = dout
    return dx
