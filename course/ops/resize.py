"""Resizing images by interpolation (Keras ``Resizing``, ``UpSampling2D``), channels-last.

TensorFlow's convention (``tf.image.resize``, half-pixel centres, no antialiasing): output
row ``i`` of ``out_size`` looks at input coordinate ``(i + 0.5) * in_size / out_size``:

- ``"nearest"``: input row ``min(floor((i + 0.5) * scale), in_size - 1)``;
- ``"bilinear"``: the point ``s = (i + 0.5) * scale - 0.5`` between rows ``floor(s)`` and
  ``ceil(s)`` (clamped to the image), weights ``1 - frac(s)`` and ``frac(s)``.

Both are linear maps along each axis, so a resize is two small matrix products,
``out = A_h @ x @ A_w^T`` per channel, and its gradient the transposed products.
"""

import numpy as np

INTERPOLATIONS = ("bilinear", "nearest")


def resize_matrix(in_size: int, out_size: int, interpolation: str = "bilinear") -> np.ndarray:
    """The ``(out_size, in_size)`` matrix that resizes one axis (float64; rows sum to 1)."""
    if interpolation not in INTERPOLATIONS:
        raise ValueError(f"Invalid value for argument `interpolation`: expected one of "
                         f"{INTERPOLATIONS}, received interpolation={interpolation!r}")
    scale = np.float32(in_size) / np.float32(out_size)
    centres = (np.arange(out_size, dtype=np.float32) + np.float32(0.5)) * scale
    A = np.zeros((out_size, in_size))
    rows = np.arange(out_size)
    if interpolation == "nearest":
        A[rows, np.minimum(np.floor(centres).astype(int), in_size - 1)] = 1
        return A
    s = centres - np.float32(0.5)
    floor = np.floor(s)
    lerp = (s - floor).astype(np.float64)
    lower = np.maximum(floor, 0).astype(int)
    upper = np.minimum(np.ceil(s), in_size - 1).astype(int)
    np.add.at(A, (rows, lower), 1 - lerp)
    np.add.at(A, (rows, upper), lerp)
    return A


def resize_forward(x: np.ndarray, size: tuple, interpolation: str = "bilinear") -> tuple:
    """``x`` ``(N, H, W, C)``, ``size`` ``(H_out, W_out)`` -> ``(out, cache)``, ``out``
    ``(N, H_out, W_out, C)`` in the float dtype of ``x`` (float32 for integers)."""
    x = np.asarray(x)
    if x.ndim != 4:
        raise ValueError(f"resize_forward: expected images of shape (N, H, W, C) (4-D), got "
                         f"shape {x.shape}")
    dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float32)
    Ah = resize_matrix(x.shape[1], int(size[0]), interpolation).astype(dtype)
    Aw = resize_matrix(x.shape[2], int(size[1]), interpolation).astype(dtype)
    out = np.einsum("ia,nabc,jb->nijc", Ah, x.astype(dtype, copy=False), Aw, optimize=True)
    return out, (Ah, Aw)


def resize_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dx`` ``(N, H, W, C)``: ``A_h^T @ dout @ A_w`` per channel."""
    Ah, Aw = cache
    return np.einsum("ia,nijc,jb->nabc", Ah, np.asarray(dout, Ah.dtype), Aw, optimize=True)
