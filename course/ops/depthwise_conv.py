"""Depthwise 2-D convolution (Keras ``DepthwiseConv2D``), channels-last, forward and backward.

Each input channel has its own ``depth_multiplier`` filters; channel ``c``'s ``m``-th output
is channel ``c * depth_multiplier + m``. Shapes: input ``(N, H, W, C)``, kernel
``(kh, kw, C, M)``, bias ``(C * M,)``, output ``(N, H_out, W_out, C * M)``:

    out[n, oh, ow, c*M + m] = b[c*M + m]
        + sum_{i, j} x_pad[n, oh*sh + i*dh, ow*sw + j*dw, c] * W[i, j, c, m]

im2col gathers every window once (rows ``(n, oh, ow)``, columns ``(i, j, c)``); then the
sum over the taps is one ``einsum`` per direction, and col2im takes ``dx`` back.
"""

import numpy as np

from course.ops.dtypes import as_float_c, float_dtype
from course.ops.im2col import col2im, im2col
from course.ops.windows import int_pair, padding_mode, window_geometry


def depthwise_conv2d_forward(x: np.ndarray, W: np.ndarray, b: np.ndarray | None = None,
                             strides: int | tuple = (1, 1), padding: str = "valid",
                             dilation_rate: int | tuple = (1, 1)) -> tuple:
    """``x`` ``(N, H, W, C)``, ``W`` ``(kh, kw, C, M)``, ``b`` ``(C*M,)`` or None ->
    ``(out, cache)``, ``out`` ``(N, H_out, W_out, C*M)``."""
    fn = "depthwise_conv2d_forward"
    x, W = np.asarray(x), np.asarray(W)
    if x.ndim != 4 or W.ndim != 4 or x.shape[3] != W.shape[2]:
        raise ValueError(f"{fn}: expected x (N, H, W, C) and a kernel (kh, kw, C, M) with the "
                         f"same C, got x shape {x.shape}, kernel shape {W.shape}")
    (sh, sw), (dh, dw) = int_pair(strides, "strides", fn), int_pair(dilation_rate,
                                                                    "dilation_rate", fn)
    mode = padding_mode(padding, fn)
    kh, kw, c, m = W.shape
    n, h, w, _ = x.shape
    try:
        ho, pt, _ = window_geometry(h, kh, sh, dh, mode)
        wo, pl, _ = window_geometry(w, kw, sw, dw, mode)
    except ValueError:
        raise ValueError(f"{fn}: the kernel {kh}x{kw} does not fit the input {h}x{w} with "
                         f"padding='valid'") from None
    dtype = float_dtype(x, W)
    x, W = as_float_c(x, dtype), as_float_c(W, dtype)
    cols = np.empty((n * ho * wo, kh * kw * c), dtype=dtype)
    im2col(x, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, cols, False)
    cols3 = cols.reshape(-1, kh * kw, c)
    out = np.einsum("rkc,kcm->rcm", cols3, W.reshape(kh * kw, c, m), optimize=True)
    out = out.reshape(n, ho, wo, c * m)
    if b is not None:
        out += as_float_c(b, dtype)
    return out, (x.shape, W, cols3, (kh, kw, sh, sw, dh, dw, pt, pl, ho, wo), b is not None)


def depthwise_conv2d_backward(dout: np.ndarray, cache: tuple, need_dx: bool = True) -> tuple:
    """``(dx, dW, db)``: ``dx`` ``(N, H, W, C)`` (None when ``need_dx`` is False), ``dW``
    ``(kh, kw, C, M)``, ``db`` ``(C*M,)`` or None."""
    x_shape, W, cols3, geom, has_bias = cache
    kh, kw, sh, sw, dh, dw, pt, pl, ho, wo = geom
    c, m = W.shape[2:]
    d = as_float_c(dout, W.dtype).reshape(-1, c, m)
    dW = np.einsum("rkc,rcm->kcm", cols3, d, optimize=True).reshape(W.shape)
    db = d.sum(axis=0).reshape(-1) if has_bias else None
    if not need_dx:
        return None, dW, db
    dcols = np.einsum("rcm,kcm->rkc", d, W.reshape(kh * kw, c, m), optimize=True)
    dx = np.empty(x_shape, dtype=W.dtype)
    col2im(np.ascontiguousarray(dcols.reshape(len(d), -1)), kh, kw, sh, sw, dh, dw, pt, pl,
           ho, wo, dx)
    return dx, dW, db
