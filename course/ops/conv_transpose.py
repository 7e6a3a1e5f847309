"""Transposed 2-D convolution (Keras ``Conv2DTranspose``), channels-last, forward and backward.

Shapes: input ``x`` ``(N, H, W, C_in)``, kernel ``W`` ``(kh, kw, C_out, C_in)`` as Keras
stores it, bias ``(C_out,)``, output ``(N, H_out, W_out, C_out)``.

A transposed convolution is the gradient of a convolution with respect to its input: the
convolution with the same kernel, strides and padding maps an ``(H_out, W_out, C_out)``
image to ``(H, W, C_in)``; the transposed one maps back. So its forward is the adjoint
pair of :mod:`course.ops.conv`'s: one GEMM ``x2d @ W2d^T`` gives every input pixel's
contribution to its window, and col2im adds the windows onto the output; its backward is
im2col of ``dout`` and two GEMMs. Output sizes are Keras's (``deconv_output_length``):

    valid: H_out = H * s + max(k_eff - s, 0)             (no output_padding)
    same:  H_out = H * s
    with output_padding p: H_out = (H - 1) * s + k_eff - 2 * pad + p,  pad = 0 | k_eff // 2
"""

import numpy as np

from course.ops.dtypes import as_float_c, float_dtype
from course.ops.im2col import col2im, im2col
from course.ops.windows import int_pair, padding_mode


def transposed_length(size: int, k: int, stride: int, dilation: int, padding: str,
                      output_padding: int | None) -> int:
    """Output size of a transposed convolution along one axis (Keras's rule, above)."""
    k_eff = (k - 1) * dilation + 1
    if output_padding is None:
        return size * stride + max(k_eff - stride, 0) if padding == "valid" else size * stride
    pad = 0 if padding == "valid" else k_eff // 2
    return (size - 1) * stride + k_eff - 2 * pad + output_padding


def _geometry(x_shape, W_shape, strides, padding, output_padding, dilation_rate, fn):
    (sh, sw), (dh, dw) = int_pair(strides, "strides", fn), int_pair(dilation_rate,
                                                                    "dilation_rate", fn)
    mode = padding_mode(padding, fn)
    ops = (None, None) if output_padding is None else \
        tuple(int(p) for p in np.broadcast_to(output_padding, 2))
    sizes, pads = [], []
    for size, k, s, d, p in zip(x_shape[1:3], W_shape[:2], (sh, sw), (dh, dw), ops):
        if p is not None and not 0 <= p < s:
            raise ValueError(f"{fn}: output_padding {output_padding} must be smaller than "
                             f"the strides {strides}")
        out = transposed_length(size, k, s, d, mode, p)
        need = max((size - 1) * s + (k - 1) * d + 1 - out, 0) if mode == "same" else 0
        sizes.append(out)
        pads.append(need // 2)
    return (W_shape[0], W_shape[1], sh, sw, dh, dw, pads[0], pads[1]), tuple(sizes)


def conv2d_transpose_forward(x: np.ndarray, W: np.ndarray, b: np.ndarray | None = None,
                             strides: int | tuple = (1, 1), padding: str = "valid",
                             output_padding: int | tuple | None = None,
                             dilation_rate: int | tuple = (1, 1)) -> tuple:
    """``x`` ``(N, H, W, C_in)``, ``W`` ``(kh, kw, C_out, C_in)``, ``b`` ``(C_out,)`` or
    None -> ``(out, cache)``, ``out`` ``(N, H_out, W_out, C_out)``."""
    fn = "conv2d_transpose_forward"
    x, W = np.asarray(x), np.asarray(W)
    if x.ndim != 4 or W.ndim != 4 or x.shape[3] != W.shape[3]:
        raise ValueError(f"{fn}: expected x (N, H, W, C_in) and a kernel (kh, kw, C_out, C_in) "
                         f"with the same C_in, got x shape {x.shape}, kernel shape {W.shape}")
    dtype = float_dtype(x, W)
    x, W = as_float_c(x, dtype), as_float_c(W, dtype)
    geom, (ho, wo) = _geometry(x.shape, W.shape, strides, padding, output_padding,
                               dilation_rate, fn)
    kh, kw, sh, sw, dh, dw, pt, pl = geom
    n, h, w, c_in = x.shape
    c_out = W.shape[2]
    W2 = W.reshape(kh * kw * c_out, c_in)
    cols = np.ascontiguousarray(x.reshape(n * h * w, c_in) @ W2.T)
    out = np.empty((n, ho, wo, c_out), dtype=dtype)
    col2im(cols, kh, kw, sh, sw, dh, dw, pt, pl, h, w, out)
    if b is not None:
        out += as_float_c(b, dtype)
    return out, (x, W, geom, b is not None)


def conv2d_transpose_backward(dout: np.ndarray, cache: tuple, need_dx: bool = True) -> tuple:
    """``(dx, dW, db)`` of :func:`conv2d_transpose_forward`: ``dx`` ``(N, H, W, C_in)``
    (None when ``need_dx`` is False), ``dW`` ``(kh, kw, C_out, C_in)``, ``db`` ``(C_out,)``
    or None."""
    x, W, geom, has_bias = cache
    kh, kw, sh, sw, dh, dw, pt, pl = geom
    n, h, w, c_in = x.shape
    dout = as_float_c(dout, W.dtype)
    K = kh * kw * W.shape[2]
    cols = np.empty((n * h * w, K), dtype=W.dtype)
    im2col(dout, kh, kw, sh, sw, dh, dw, pt, pl, h, w, cols, False)
    dW = (cols.T @ x.reshape(n * h * w, c_in)).reshape(W.shape)
    db = dout.sum(axis=(0, 1, 2)) if has_bias else None
    dx = (cols @ W.reshape(K, c_in)).reshape(x.shape) if need_dx else None
    return dx, dW, db
