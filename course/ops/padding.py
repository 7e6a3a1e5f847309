"""Zero padding of images (Keras ``ZeroPadding2D``), channels-last."""

import numpy as np


def padding_amounts(padding: int | tuple) -> tuple:
    """Keras's forms of ``ZeroPadding2D(padding)``: ``p``; ``(ph, pw)``;
    ``((top, bottom), (left, right))`` -> ``((top, bottom), (left, right))`` of ints."""
    try:
        if isinstance(padding, (int, np.integer)):
            p = int(padding)
            pads = ((p, p), (p, p))
        elif all(isinstance(v, (int, np.integer)) for v in padding):
            ph, pw = (int(v) for v in padding)
            pads = ((ph, ph), (pw, pw))
        else:
            (t, b), (l, r) = padding
            pads = ((int(t), int(b)), (int(l), int(r)))
    except (TypeError, ValueError):
        pads = None
    if pads is None or min(min(p) for p in pads) < 0:
        raise ValueError("zero_padding2d_forward: padding must be an int, (pad_h, pad_w) or "
                         f"((top, bottom), (left, right)) of non-negative ints, got {padding!r}")
    return pads


def zero_padding2d_forward(x: np.ndarray, padding: int | tuple = (1, 1)) -> tuple:
    """``(N, H, W, C)`` -> ``(N, top + H + bottom, left + W + right, C)``, zeros around.

    Returns ``(out, cache)``; the cache holds the padding and the input shape.
    """
    x = np.asarray(x)
    if x.ndim != 4:
        raise ValueError(f"zero_padding2d_forward: expected x of shape (N, H, W, C) (4-D), "
                         f"got shape {x.shape}")
    (t, b), (l, r) = pads = padding_amounts(padding)
    n, h, w, c = x.shape
    out = np.zeros((n, t + h + b, l + w + r, c), dtype=x.dtype)
    out[:, t:t + h, l:l + w, :] = x
    return out, (pads, x.shape)


def zero_padding2d_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """The gradient of the inner (unpadded) part: ``(N, H, W, C)``."""
    ((t, b), (l, r)), (n, h, w, c) = cache
    expected = (n, t + h + b, l + w + r, c)
    if np.shape(dout) != expected:
        raise ValueError(f"zero_padding2d_backward: expected dout of shape {expected}, "
                         f"got shape {np.shape(dout)}")
    return np.ascontiguousarray(np.asarray(dout)[:, t:t + h, l:l + w, :])
