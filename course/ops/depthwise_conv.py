"""Depthwise 2-D convolution (Keras ``DepthwiseConv2D``), channels-last, forward and backward.

Each input channel has its own ``depth_multiplier`` filters; channel ``c``'s ``m``-th output
is channel ``c * depth_multiplier + m``. Shapes: input ``(N, H, W, C)``, kernel
``(kh, kw, C, M)``, bias ``(C * M,)``, output ``(N, H_out, W_out, C * M)``:

    out[n, oh, ow, c*M + m] = b[c*M + m]
        + sum_{i, j} x_pad[n, oh*sh + i*dh, ow*sw + j*dw, c] * W[i, j, c, m]

The channels never mix, so there is no matrix product to hand to BLAS: the loops run over
the ``kh * kw`` taps only (9 for a 3x3 kernel), each one vectorised multiply-add over the
whole batch on a strided view of the padded input. Unlike im2col, no copy ``kh * kw`` times
the input's size is made (MobileNetV2's first blocks at 224x224 would need gigabytes).
"""

import numpy as np

from course.ops.dtypes import as_float_c, float_dtype
from course.ops.windows import int_pair, padding_mode, window_geometry


def _tap(x_pad: np.ndarray, i: int, j: int, geometry: tuple) -> np.ndarray:
    """The strided view of ``x_pad`` that tap ``(i, j)`` multiplies: ``(N, H_out, W_out, C)``."""
    (ho, wo), (sh, sw), (dh, dw) = geometry
    return x_pad[:, i * dh: i * dh + (ho - 1) * sh + 1: sh, j * dw: j * dw + (wo - 1) * sw + 1: sw]


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
        ho, pt, pb = window_geometry(h, kh, sh, dh, mode)
        wo, pl, pr = window_geometry(w, kw, sw, dw, mode)
    except ValueError:
        raise ValueError(f"{fn}: the kernel {kh}x{kw} does not fit the input {h}x{w} with "
                         f"padding='valid'") from None
    dtype = float_dtype(x, W)
    x, W = as_float_c(x, dtype), as_float_c(W, dtype)
    x_pad = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0))) if pt + pb + pl + pr else x
    geometry = ((ho, wo), (sh, sw), (dh, dw))
    out = np.zeros((n, ho, wo, c, m), dtype=dtype)
    for i in range(kh):
        for j in range(kw):
            out += _tap(x_pad, i, j, geometry)[..., None] * W[i, j]
    out = out.reshape(n, ho, wo, c * m)
    if b is not None:
        out += as_float_c(b, dtype)
    return out, (x_pad, W, (pt, pb, pl, pr), geometry, b is not None)


def depthwise_conv2d_backward(dout: np.ndarray, cache: tuple, need_dx: bool = True) -> tuple:
    """``(dx, dW, db)``: ``dx`` ``(N, H, W, C)`` (None when ``need_dx`` is False), ``dW``
    ``(kh, kw, C, M)``, ``db`` ``(C*M,)`` or None."""
    x_pad, W, (pt, pb, pl, pr), geometry, has_bias = cache
    kh, kw, c, m = W.shape
    (ho, wo) = geometry[0]
    d = as_float_c(dout, W.dtype).reshape(-1, ho, wo, c, m)
    dW = np.empty_like(W)
    dx_pad = np.zeros_like(x_pad) if need_dx else None
    for i in range(kh):
        for j in range(kw):
            dW[i, j] = np.einsum("nhwc,nhwcm->cm", _tap(x_pad, i, j, geometry), d)
            if need_dx:
                _tap(dx_pad, i, j, geometry)[...] += np.einsum("nhwcm,cm->nhwc", d, W[i, j])
    db = d.sum(axis=(0, 1, 2)).reshape(-1) if has_bias else None
    if not need_dx:
        return None, dW, db
    h, w = x_pad.shape[1] - pt - pb, x_pad.shape[2] - pl - pr
    return np.ascontiguousarray(dx_pad[:, pt:pt + h, pl:pl + w]), dW, db
