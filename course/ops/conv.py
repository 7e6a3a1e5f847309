"""2-D convolution (Keras ``Conv2D``), channels-last, forward and backward.

Shapes: input ``x`` ``(N, H, W, C_in)``, kernel ``W`` ``(kh, kw, C_in, C_out)`` as Keras
stores it, bias ``b`` ``(C_out,)``, output ``(N, H_out, W_out, C_out)`` with

    out[n, oh, ow, f] = b[f]
        + sum_{i, j, c} x_pad[n, oh*sh + i*dh, ow*sw + j*dw, c] * W[i, j, c, f]

where ``x_pad`` is ``x`` with the zero padding of ``padding="same"`` (none for "valid").
Output sizes and padding are TensorFlow's; see :mod:`course.ops.im2col`.

Two implementations give the same numbers:

- ``conv2d_naive_forward`` / ``conv2d_naive_backward``: the loops a student writes, one
  output position at a time. Readable; slow; used to test the fast one.
- ``conv2d_forward`` / ``conv2d_backward``: **im2col + one matrix product**. A numba kernel
  copies the window of every output position into one row of a matrix ``cols``
  ``(N*H_out*W_out, kh*kw*C_in + 1)``; its last column is all ones, so that the bias rides
  along as the last row of the kernel matrix. Then the whole layer is a single BLAS GEMM::

      out2d = cols @ [W.reshape(kh*kw*C_in, C_out); b]          (M, C_out)

  and its backward two more::

      [dW; db] = cols.T @ dout2d        dcols = dout2d @ W2d.T    (then col2im -> dx)

  col2im adds every row of ``dcols`` back onto the input cells it came from. The ones
  column gives ``db`` (the column sums of ``dout2d``) for free inside the ``dW`` product.
  ``need_dx=False`` (the first layer of a network) skips ``dcols`` and col2im. For inputs
  with few channels (``C_in <= 4``, e.g. an image) ``cols`` is built transposed, which
  makes its copy vectorize (3x faster for MNIST's first layer); the GEMMs are the same.
  A 1x1 convolution needs no im2col: ``x`` reshaped is ``cols``. With more channels, where
  numba can call numpy's BLAS, the same products run a few images at a time so that
  ``cols`` stays in the cache (:mod:`course.ops.conv_blocks`).
  Measured on the MNIST convnet layers, this is 3-7x faster than direct numba loops over
  the six nested indices (conv2 forward: 2.0 ms against 13.8 ms), because BLAS runs near
  the CPU's peak while numba's loops do not; the copies cost about what moving the
  memory costs.
"""

import numpy as np

from course import threads
from course.ops.blas import gemm_for
from course.ops.conv_blocks import backward_blocks, forward_blocks, images_per_block
from course.ops.dtypes import as_float_c, float_dtype
from course.ops.im2col import col2im, col2im_t, column_sum, im2col, im2col_t
from course.ops.windows import int_pair, padding_mode, window_geometry

FEW_CHANNELS = 4
"""Inputs with at most this many channels use the transposed im2col layout (faster there)."""


def kernel_with_bias(W2: np.ndarray, b: np.ndarray | None) -> np.ndarray:
    """``[W2; b]``: the kernel as a matrix ``(K, C_out)`` with the bias as one more row
    (zeros without a bias), for products with columns that end in a column of ones."""
    Wb = np.empty((W2.shape[0] + 1, W2.shape[1]), dtype=W2.dtype)
    Wb[:-1] = W2
    Wb[-1] = 0 if b is None else b
    return Wb


def prepare_conv(x: np.ndarray, W: np.ndarray, b: np.ndarray | None, strides: int | tuple,
                 padding: str, dilation_rate: int | tuple, fn: str) -> tuple:
    """Validate a convolution's arguments (``fn`` names the caller in errors); return
    ``(x, W, b, geom, pads)``: contiguous arrays of one float dtype and the geometry."""
    x = np.asarray(x)
    W = np.asarray(W)
    if x.ndim != 4:
        raise ValueError(f"{fn}: expected x of shape (N, H, W, C_in) (4-D, channels last), "
                         f"got shape {x.shape}")
    if W.ndim != 4:
        raise ValueError(f"{fn}: expected a kernel W of shape (kh, kw, C_in, C_out) (4-D), "
                         f"got shape {W.shape}")
    if x.shape[3] != W.shape[2]:
        raise ValueError(f"{fn}: x has C_in={x.shape[3]} channels (shape {x.shape}) but the "
                         f"kernel expects C_in={W.shape[2]} (kernel shape {W.shape}, "
                         f"expected x of shape (N, H, W, {W.shape[2]}))")
    if min(x.shape) == 0 or min(W.shape) == 0:
        raise ValueError(f"{fn}: empty input or kernel: x shape {x.shape}, kernel shape {W.shape}")
    if b is not None:
        b = np.asarray(b)
        if b.shape != (W.shape[3],):
            raise ValueError(f"{fn}: expected a bias of shape ({W.shape[3]},) for a kernel of "
                             f"shape {W.shape}, got shape {b.shape}")
    sh, sw = int_pair(strides, "strides", fn)
    dh, dw = int_pair(dilation_rate, "dilation_rate", fn)
    mode = padding_mode(padding, fn)
    n, h, w, _ = x.shape
    kh, kw = W.shape[:2]
    try:
        ho, pt, pb = window_geometry(h, kh, sh, dh, mode)
        wo, pl, pr = window_geometry(w, kw, sw, dw, mode)
    except ValueError:
        raise ValueError(
            f"{fn}: the kernel ({kh}x{kw}, dilation {dh}x{dw}: spans "
            f"{(kh - 1) * dh + 1}x{(kw - 1) * dw + 1}) is larger than the input "
            f"{h}x{w} with padding='valid' (x shape {x.shape}, kernel shape {W.shape})"
        ) from None
    dtype = float_dtype(x, W) if b is None else float_dtype(x, W, b)
    x = as_float_c(x, dtype)
    W = as_float_c(W, dtype)
    if b is not None:
        b = as_float_c(b, dtype)
    geom = (kh, kw, sh, sw, dh, dw, pt, pl, ho, wo)
    return x, W, b, geom, (pt, pb, pl, pr)


def conv2d_forward(x: np.ndarray, W: np.ndarray, b: np.ndarray | None = None,
                   strides: int | tuple = (1, 1), padding: str = 'valid',
                   dilation_rate: int | tuple = (1, 1)) -> tuple:
    """2-D convolution (cross-correlation, as in Keras) by im2col and one GEMM.

    Args:
        x: inputs, shape ``(N, H, W, C_in)``.
        W: kernel, shape ``(kh, kw, C_in, C_out)``.
        b: bias, shape ``(C_out,)``, or None.
        strides: int or ``(sh, sw)``.
        padding: ``"valid"`` or ``"same"`` (TensorFlow's rule: extra cell at the bottom/right).
        dilation_rate: int or ``(dh, dw)``.

    Returns:
        out: shape ``(N, H_out, W_out, C_out)``, dtype of the inputs (float32 or float64).
        cache: for :func:`conv2d_backward`.
    """
    x, W, b, geom, _ = prepare_conv(x, W, b, strides, padding, dilation_rate, "conv2d_forward")
    threads.follow_load()
    kh, kw, sh, sw, dh, dw, pt, pl, ho, wo = geom
    n, h, w, c = x.shape
    f = W.shape[3]
    K = kh * kw * c
    M = n * ho * wo
    W2 = W.reshape(K, f)
    pointwise = kh == 1 and kw == 1 and sh == 1 and sw == 1 and pt == 0 and pl == 0
    if pointwise:
        # A 1x1 convolution is a dense layer over the channels: x itself is ``cols``.
        cols = x.reshape(M, c)
        out = cols @ W2
        if b is not None:
            out += b
        bias_col = False
    elif c > FEW_CHANNELS and gemm_for(x.dtype) is not None:
        # a few images at a time, the columns in the cache (course.ops.conv_blocks)
        Wb = kernel_with_bias(W2, b)
        images = images_per_block(ho * wo)
        out = np.empty((M, f), dtype=x.dtype)
        forward_blocks(gemm_for(x.dtype), x.dtype.type(1), x, Wb, geom, images,
                       np.empty((min(images, n) * ho * wo, K + 1), dtype=x.dtype), out)
        cache = (x.shape, W, (x, Wb, images), geom, b is not None, False, False)
        return out.reshape(n, ho, wo, f), cache
    else:
        bias_col = b is not None
        if c <= FEW_CHANNELS:
            # ``cols`` as the transpose of a C-contiguous (K, M) array: same GEMMs, and
            # a faster copy when every tap contributes a single number per position.
            cols = np.empty((K + bias_col, M), dtype=x.dtype)
            im2col_t(x, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, cols, bias_col)
            cols = cols.T
        else:
            cols = np.empty((M, K + bias_col), dtype=x.dtype)
            im2col(x, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, cols, bias_col)
        if bias_col:
            out = cols @ kernel_with_bias(W2, b)
        else:
            out = cols @ W2
    cache = (x.shape, W, cols, geom, b is not None, bias_col, pointwise)
    return out.reshape(n, ho, wo, f), cache


def conv2d_backward(dout: np.ndarray, cache: tuple, need_dx: bool = True) -> tuple:
    """Gradients of :func:`conv2d_forward`.

    Args:
        dout: upstream gradient, shape ``(N, H_out, W_out, C_out)``.
        cache: from :func:`conv2d_forward`.
        need_dx: when False (the first layer), ``dx`` is not computed and is None.

    Returns:
        dx: shape ``(N, H, W, C_in)`` (None when ``need_dx`` is False),
        dW: shape ``(kh, kw, C_in, C_out)``,
        db: shape ``(C_out,)`` (None when the layer has no bias).
    """
    x_shape, W, cols, geom, has_bias, bias_col, pointwise = cache
    kh, kw, sh, sw, dh, dw, pt, pl, ho, wo = geom
    n, h, w, c = x_shape
    f = W.shape[3]
    expected = (n, ho, wo, f)
    if np.shape(dout) != expected:
        raise ValueError(f"conv2d_backward: expected dout of shape {expected} (the forward "
                         f"output's), got shape {np.shape(dout)}")
    K = kh * kw * c
    d2 = as_float_c(dout, W.dtype).reshape(n * ho * wo, f)
    if isinstance(cols, tuple):  # made block by block (course.ops.conv_blocks)
        return _backward_in_blocks(d2, cache, need_dx)
    dWb = cols.T @ d2
    dW = dWb[:K].reshape(W.shape)
    if bias_col:
        db = dWb[K]
    elif has_bias:
        db = np.empty(f, dtype=W.dtype)
        column_sum(d2, db)
    else:
        db = None
    if not need_dx:
        return None, dW, db
    W2 = W.reshape(K, f)
    if pointwise:
        return (d2 @ W2.T).reshape(x_shape), dW, db
    dx = np.empty(x_shape, dtype=W.dtype)
    if cols.flags.f_contiguous and not cols.flags.c_contiguous:
        col2im_t(W2 @ d2.T, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, dx)
    else:
        col2im(d2 @ W2.T, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, dx)
    return dx, dW, db


def _backward_in_blocks(d2, cache, need_dx):
    x_shape, W, (x, Wb, images), geom, has_bias, _, _ = cache
    kh, kw, sh, sw, dh, dw, pt, pl, ho, wo = geom
    k1, f = Wb.shape
    rows = min(images, x_shape[0]) * ho * wo
    dWb = np.empty_like(Wb)
    dx = np.empty(x_shape if need_dx else (0, 1, 1, 1), dtype=W.dtype)
    dcols = np.empty((rows if need_dx else 0, k1 - 1), dtype=W.dtype)
    backward_blocks(gemm_for(W.dtype), W.dtype.type(1), x, Wb, geom, images, d2, need_dx,
                    np.empty((rows, k1), dtype=W.dtype), dcols, dWb, dx)
    return (dx if need_dx else None), dWb[:k1 - 1].reshape(W.shape), (dWb[-1] if has_bias
                                                                          else None)


def image_to_columns(x: np.ndarray, kernel_size: int | tuple, strides: int | tuple = (1, 1),
                     padding: str = 'valid') -> np.ndarray:
    """im2col as a matrix: every window of ``x`` flattened into one row.

    Row ``(n * H_out + oh) * W_out + ow`` holds the window under output position
    ``(n, oh, ow)``, flattened in the kernel's order ``(i, j, c)``, so that
    ``image_to_columns(x, (kh, kw)) @ W.reshape(kh * kw * C, C_out)`` is the convolution.

    Args:
        x: shape ``(N, H, W, C)``.
        kernel_size: int or ``(kh, kw)``.
        strides: int or ``(sh, sw)``.
        padding: ``"valid"`` or ``"same"`` (zeros, TensorFlow's split).

    Returns:
        cols: shape ``(N * H_out * W_out, kh * kw * C)``.
    """
    kh, kw = int_pair(kernel_size, "kernel_size", "image_to_columns")
    x = np.asarray(x)
    kernel = np.empty((kh, kw, x.shape[-1] if x.ndim == 4 else 1, 1),
                      dtype=np.result_type(x.dtype, np.float32))
    x, _, _, geom, _ = prepare_conv(x, kernel, None, strides, padding, 1, "image_to_columns")
    kh, kw, sh, sw, dh, dw, pt, pl, ho, wo = geom
    cols = np.empty((x.shape[0] * ho * wo, kh * kw * x.shape[3]), dtype=x.dtype)
    im2col(x, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, cols, False)
    return cols


# --------------------------------------------------------------------------------------
# The plain loops, as a student writes them.


def conv2d_naive_forward(x: np.ndarray, W: np.ndarray, b: np.ndarray | None = None,
                         strides: int | tuple = (1, 1), padding: str = 'valid',
                         dilation_rate: int | tuple = (1, 1)) -> tuple:
    """Same as :func:`conv2d_forward`, one output position at a time (readable, slow).

    Pad ``x`` with zeros; for every output position take the window under the kernel
    ``(kh, kw, C_in)`` and contract it with the kernel ``(kh, kw, C_in, C_out)``.
    """
    x, W, b, geom, pads = prepare_conv(x, W, b, strides, padding, dilation_rate,
                                   "conv2d_naive_forward")
    kh, kw, sh, sw, dh, dw, pt, pl, ho, wo = geom
    pt, pb, pl, pr = pads
    xp = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)))
    n = x.shape[0]
    out = np.zeros((n, ho, wo, W.shape[3]), dtype=x.dtype)
    for i in range(n):
        for oh in range(ho):
            for ow in range(wo):
                top, left = oh * sh, ow * sw
                window = xp[i, top:top + (kh - 1) * dh + 1:dh, left:left + (kw - 1) * dw + 1:dw, :]
                out[i, oh, ow] = np.tensordot(window, W, axes=3)
                if b is not None:
                    out[i, oh, ow] += b
    return out, (xp, W, geom, pads, b is not None)


def conv2d_naive_backward(dout: np.ndarray, cache: tuple, need_dx: bool = True) -> tuple:
    """Gradients of :func:`conv2d_naive_forward`: the same loops, run backwards.

    Each output position ``(oh, ow)`` with gradient ``g = dout[n, oh, ow]`` ``(C_out,)``
    adds ``window x g`` to ``dW`` and ``W @ g`` to the window of ``dx``.
    """
    xp, W, geom, pads, has_bias = cache
    kh, kw, sh, sw, dh, dw, pt, pl, ho, wo = geom
    pt, pb, pl, pr = pads
    dout = np.asarray(dout, dtype=W.dtype)
    dxp = np.zeros_like(xp)
    dW = np.zeros_like(W)
    for i in range(xp.shape[0]):
        for oh in range(ho):
            for ow in range(wo):
                top, left = oh * sh, ow * sw
                rows = slice(top, top + (kh - 1) * dh + 1, dh)
                cols = slice(left, left + (kw - 1) * dw + 1, dw)
                g = dout[i, oh, ow]
                dW += xp[i, rows, cols, :, None] * g
                dxp[i, rows, cols, :] += W @ g
    db = dout.sum(axis=(0, 1, 2)) if has_bias else None
    dx = None
    if need_dx:
        dx = np.ascontiguousarray(dxp[:, pt:xp.shape[1] - pb, pl:xp.shape[2] - pr, :])
    return dx, dW, db
