"""Depthwise 2-D convolution (Keras ``DepthwiseConv2D``), channels-last.

Each input channel ``c`` is convolved with its own ``depth_multiplier`` filters, never
mixed with the other channels: output channel ``c * depth_multiplier + m`` is

    out[n, i, j, c*M + m] = sum_{p, q} x_pad[n, i*sh + p*dh, j*sw + q*dw, c] * W[p, q, c, m] + b

The loops run over the ``kh * kw`` taps only (9 for a 3x3 kernel); each tap is one
vectorised multiply-add over the whole batch, as strided views of the padded input.
Padding follows TensorFlow ("same" puts the odd extra cell after), as ``ops.windows`` says.
"""

import numpy as np

from course.ops.windows import int_pair, padding_mode, window_geometry


def _tap(x_pad, p, q, geometry):
    """The strided view of ``x_pad`` that tap ``(p, q)`` multiplies: ``(N, Ho, Wo, C)``."""
    (ho, wo), (sh, sw), (dh, dw) = geometry
    return x_pad[:, p * dh: p * dh + (ho - 1) * sh + 1: sh, q * dw: q * dw + (wo - 1) * sw + 1: sw]


def depthwise_conv2d_forward(x: np.ndarray, W: np.ndarray, b: np.ndarray | None = None,
                             strides: int | tuple = (1, 1), padding: str = "valid",
                             dilation_rate: int | tuple = (1, 1)) -> tuple:
    """``x (N, H, W, C)``, ``W (kh, kw, C, M)``, ``b (C*M,)`` -> ``out (N, Ho, Wo, C*M)``.

    Returns ``(out, cache)``.
    """
    fn = "depthwise_conv2d_forward"
    x, W = np.asarray(x), np.asarray(W)
    if x.ndim != 4 or W.ndim != 4 or W.shape[2] != x.shape[3]:
        raise ValueError(f"{fn}: expected x (N, H, W, C) and W (kh, kw, C, M) with the same C, "
                         f"got x {x.shape} and W {W.shape}")
    (sh, sw), (dh, dw) = int_pair(strides, "strides", fn), int_pair(dilation_rate, "dilation_rate", fn)
    mode = padding_mode(padding, fn)
    n, h, w, c = x.shape
    kh, kw, _, m = W.shape
    try:
        ho, pt, pb = window_geometry(h, kh, sh, dh, mode)
        wo, pl, pr = window_geometry(w, kw, sw, dw, mode)
    except ValueError:
        raise ValueError(f"{fn}: a {kh}x{kw} kernel (dilation {(dh, dw)}) does not fit an input "
                         f"of size {(h, w)} with padding='valid'") from None
    x_pad = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0))) if pt + pb + pl + pr else x
    geometry = ((ho, wo), (sh, sw), (dh, dw))
    out = np.zeros((n, ho, wo, c, m), dtype=np.result_type(x.dtype, W.dtype))
    for p in range(kh):
        for q in range(kw):
            out += _tap(x_pad, p, q, geometry)[..., None] * W[p, q]
    out = out.reshape(n, ho, wo, c * m)
    if b is not None:
        out += b
    return out, (x_pad, W, b is not None, (pt, pb, pl, pr), geometry)


def depthwise_conv2d_backward(dout: np.ndarray, cache: tuple, need_dx: bool = True) -> tuple:
    """``dout (N, Ho, Wo, C*M)`` -> ``(dx (N, H, W, C) or None, dW (kh, kw, C, M), db or None)``."""
    x_pad, W, has_bias, (pt, pb, pl, pr), geometry = cache
    kh, kw, c, m = W.shape
    n, ho, wo = dout.shape[:3]
    d = np.asarray(dout).reshape(n, ho, wo, c, m)
    dW = np.empty_like(W)
    dx_pad = np.zeros_like(x_pad) if need_dx else None
    for p in range(kh):
        for q in range(kw):
            dW[p, q] = np.einsum("nijc,nijcm->cm", _tap(x_pad, p, q, geometry), d)
            if need_dx:
                _tap(dx_pad, p, q, geometry)[...] += np.einsum("nijcm,cm->nijc", d, W[p, q])
    db = np.asarray(dout).sum(axis=(0, 1, 2)) if has_bias else None
    dx = None
    if need_dx:
        h, w = x_pad.shape[1] - pt - pb, x_pad.shape[2] - pl - pr
        dx = np.ascontiguousarray(dx_pad[:, pt:pt + h, pl:pl + w])
    return dx, dW, db
