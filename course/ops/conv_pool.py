"""A convolution, its ReLU and a 2x2 max pooling as one pair (Keras ``Conv2D(...,
activation="relu")`` then ``MaxPooling2D((2, 2))``, the blocks of nearly every image
network), channels last, forward and backward.

Shapes: input ``x`` ``(N, H, W, C_in)``, kernel ``W``
``(kh, kw, C_in, F)``, bias ``b`` ``(F,)``; the convolution's output ``z`` ``(N, H_out,
W_out, F)`` (any strides, padding and dilation, as :func:`course.ops.conv.conv2d_forward`)
is never stored whole: the result is

    out[n, p, q, f] = max over the 2x2 window (2p + i, 2q + j) of relu(z[n, ., ., f])

``(N, H_out // 2, W_out // 2, F)``, the same numbers as the three ops one after the other
(:func:`~course.ops.conv.conv2d_forward`, :func:`~course.ops.activations.relu_forward`,
:func:`~course.ops.pooling.max_pool2d_forward`), with the same gradients: each output's
gradient goes to the first winner of its window in row-major order, and only where that
winner is positive (ReLU's gradient at 0 is 0).

Why one pair: with one input channel the convolution is a product with only
``kh * kw + 1`` terms per output, so the three ops spend their time moving ``z`` (5.5 MB for
a batch of 64 MNIST digits and 32 filters) through memory three times, the pooled output
being a quarter of it. Here each image's ``z`` (86 KB) is made by one BLAS product into a
buffer that stays in the CPU's cache, pooled from there, and forgotten; the backward builds
each image's ``dz`` in the same buffer from the pooled gradients and the winners' places
(one ``int8`` per output, -1 where the ReLU stopped the gradient). The columns of every
image (``im2col``, transposed as for few channels) are made once and kept for the
backward. The loops over the images run in numba, calling numpy's BLAS themselves
(:mod:`course.ops.blas`), without the GIL. Measured on the MNIST convnet's first block,
batch 32, one core: forward 0.78 ms -> 0.34 ms, backward 0.66 ms -> 0.30 ms.

With more input channels (``C_in > 4``) the convolution is a real product, made a few
images at a time as in :mod:`course.ops.conv_blocks`; each block's ``z`` is pooled while
in the cache, and the backward builds each block's ``dz`` there (no ReLU pass, no pooling
pass, no full-size gradient between them).
"""

import numpy as np
from numba import njit
from numpy.typing import DTypeLike

from course.ops.blas import NO_TRANS, TRANS, address, gemm_for, gemm_general
from course.ops.conv import FEW_CHANNELS, kernel_with_bias, prepare_conv
from course.ops.conv_blocks import block_columns, block_product, images_per_block
from course.ops.im2col import col2im, col2im_t, im2col_t

POOL = 2
"""The pooling window and stride (2x2, "valid": a last odd row or column is dropped)."""


def fusable(dtype: DTypeLike, activation: str) -> bool:
    """Whether this pair serves a convolution of ``dtype`` with ``activation`` ("relu" or
    "linear") followed by a 2x2 max pooling: float32 or float64 with a BLAS that numba can
    call."""
    return (activation in ("relu", "linear") and np.dtype(dtype) in (np.float32, np.float64)
            and gemm_for(dtype) is not None)


@njit(cache=True, nogil=True, inline="always")
def _pool_image(z, wo, relu, out, arg):
    """Pool one image's ``z`` (H_out*W_out, F) into ``out``/``arg`` (Hp, Wp, F)."""
    hp, wp, f_count = out.shape
    for p in range(hp):
        for q in range(wp):
            top = 2 * p * wo + 2 * q
            o = out[p, q]
            a = arg[p, q]
            for f in range(f_count):
                best = z[top, f]
                where = 0
                for k in range(1, 4):
                    v = z[top + (k // 2) * wo + k % 2, f]
                    if v > best:
                        best = v
                        where = k
                if relu:
                    o[f] = best if not best <= 0 else 0  # NaN stays NaN, as np.maximum
                    a[f] = where if best > 0 else -1
                else:
                    o[f] = best
                    a[f] = where


@njit(cache=True, nogil=True, inline="always")
def _unpool_image(dout, arg, ho, wo, dz):
    """One image's ``dz`` (H_out*W_out, F) from its pooled gradient ``dout`` and the winners
    ``arg`` (Hp, Wp, F): each gradient to its winner, zeros elsewhere."""
    hp, wp, f_count = dout.shape
    if ho % 2 or wo % 2:
        dz[:] = 0  # positions no window covers get no gradient
    for p in range(hp):
        for q in range(wp):
            top = 2 * p * wo + 2 * q
            d = dout[p, q]
            a = arg[p, q]
            for k in range(4):
                row = dz[top + (k // 2) * wo + k % 2]
                for f in range(f_count):
                    row[f] = d[f] if a[f] == k else 0


@njit(cache=True, nogil=True)
def _forward_images(fn, one, cols_t, Wb, ho, wo, relu, z, out, arg):
    """Every image: ``z = cols_t[:, image].T @ Wb`` (one product), pooled into ``out``."""
    n_img = out.shape[0]
    k1, f_count = Wb.shape
    m = ho * wo
    zero = one - one
    for n in range(n_img):
        gemm_general(fn, TRANS, NO_TRANS, m, f_count, k1, one, address(cols_t, n * m),
                     n_img * m, address(Wb, 0), f_count, zero, address(z, 0), f_count)
        _pool_image(z, wo, relu, out[n], arg[n])


@njit(cache=True, nogil=True)
def _backward_images(fn, one, dout, arg, cols_t, Wb, ho, wo, need_dx, dz, dWb, dcols_t, geom,
                     dx):
    """Every image: ``dz`` from the pooled gradients and the winners, ``dWb += cols_t[:,
    image] @ dz``; with ``need_dx``, ``dcols_t = W2 @ dz.T`` and col2im into ``dx``."""
    n_img, _, _, f_count = dout.shape
    k1 = dWb.shape[0]
    m = ho * wo
    zero = one - one
    kh, kw, sh, sw, dh, dw, pt, pl = geom
    for n in range(n_img):
        _unpool_image(dout[n], arg[n], ho, wo, dz)
        gemm_general(fn, NO_TRANS, NO_TRANS, k1, f_count, m, one, address(cols_t, n * m),
                     n_img * m, address(dz, 0), f_count, zero if n == 0 else one,
                     address(dWb, 0), f_count)
        if need_dx:
            gemm_general(fn, NO_TRANS, TRANS, k1 - 1, m, f_count, one, address(Wb, 0),
                         f_count, address(dz, 0), f_count, zero, address(dcols_t, 0), m)
            col2im_t(dcols_t, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, dx[n:n + 1])


@njit(cache=True, nogil=True)
def _forward_blocks(fn, one, x, Wb, geom, images, relu, cols, z, out, arg):
    """Blocks of ``images`` images: ``z = im2col(block) @ Wb``, each image pooled."""
    rows = geom[8] * geom[9]
    for n0 in range(0, x.shape[0], images):
        r = block_product(fn, one, x, Wb, geom, n0, images, cols, address(z, 0))
        for i in range(r // rows):
            _pool_image(z[i * rows:(i + 1) * rows], geom[9], relu, out[n0 + i], arg[n0 + i])


@njit(cache=True, nogil=True)
def _backward_blocks(fn, one, dout, arg, x, Wb, geom, images, need_dx, cols, dz, dcols, dWb,
                     dx):
    """Blocks of ``images`` images: ``dz`` of each image, ``dWb += im2col(block).T @ dz``;
    with ``need_dx``, ``dcols = dz @ W.T`` and col2im into ``dx``."""
    kh, kw, sh, sw, dh, dw, pt, pl, ho, wo = geom
    k1, f_count = Wb.shape
    rows = ho * wo
    for n0 in range(0, x.shape[0], images):
        block = block_columns(x, geom, n0, images, cols)
        r = block.shape[0]
        for i in range(r // rows):
            _unpool_image(dout[n0 + i], arg[n0 + i], ho, wo, dz[i * rows:(i + 1) * rows])
        gemm_general(fn, TRANS, NO_TRANS, k1, f_count, r, one, address(block, 0), k1,
                     address(dz, 0), f_count, one - one if n0 == 0 else one,
                     address(dWb, 0), f_count)
        if need_dx:
            gemm_general(fn, NO_TRANS, TRANS, r, k1 - 1, f_count, one, address(dz, 0),
                         f_count, address(Wb, 0), f_count, one - one, address(dcols, 0),
                         k1 - 1)
            col2im(dcols[:r], kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, dx[n0:n0 + images])


def conv2d_relu_pool_forward(x: np.ndarray, W: np.ndarray, b: np.ndarray | None = None,
                             strides: int | tuple = (1, 1), padding: str = "valid",
                             dilation_rate: int | tuple = (1, 1), relu: bool = True) -> tuple:
    """``max_pool2d(relu(conv2d(x, W, b)), 2)`` in one pass over each image's convolution.

    Args:
        x: inputs ``(N, H, W, C_in)``; W: kernel ``(kh, kw, C_in, F)``;
        b: bias ``(F,)`` or None; strides, padding, dilation_rate: the convolution's, as
        :func:`course.ops.conv.conv2d_forward`; relu: False for a linear convolution.

    Returns:
        out: ``(N, H_out // 2, W_out // 2, F)``, the dtype of the inputs.
        cache: for :func:`conv2d_relu_pool_backward`.
    """
    x, W, b, geom, _ = prepare_conv(x, W, b, strides, padding, dilation_rate,
                                    "conv2d_relu_pool_forward")
    kh, kw, sh, sw, dh, dw, pt, pl, ho, wo = geom
    n, _, _, c = x.shape
    f_count = W.shape[3]
    if not fusable(x.dtype, "relu"):
        raise ValueError(f"conv2d_relu_pool_forward: expected float32 or float64 inputs and "
                         f"numpy's OpenBLAS, got x of dtype {x.dtype}")
    if ho < POOL or wo < POOL:
        raise ValueError(f"conv2d_relu_pool_forward: the convolution's output {ho}x{wo} is "
                         f"smaller than the 2x2 pooling window (x shape {x.shape})")
    k = kh * kw * c
    Wb = kernel_with_bias(W.reshape(k, f_count), b)
    out = np.empty((n, ho // POOL, wo // POOL, f_count), dtype=x.dtype)
    arg = np.empty(out.shape, dtype=np.int8)
    fn, one = gemm_for(x.dtype), x.dtype.type(1)
    if c <= FEW_CHANNELS:
        layout = np.empty((k + 1, n * ho * wo), dtype=x.dtype)  # every image's columns
        im2col_t(x, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, layout, True)
        z = np.empty((ho * wo, f_count), dtype=x.dtype)
        _forward_images(fn, one, layout, Wb, ho, wo, bool(relu), z, out, arg)
    else:
        images = min(images_per_block(ho * wo), n)
        layout = (x, images)  # the backward makes the columns again
        z = np.empty((images * ho * wo, f_count), dtype=x.dtype)
        _forward_blocks(fn, one, x, Wb, geom, images, bool(relu),
                        np.empty((images * ho * wo, k + 1), dtype=x.dtype), z, out, arg)
    return out, (x.shape, W.shape, Wb, layout, arg, geom, b is not None)


def conv2d_relu_pool_backward(dout: np.ndarray, cache: tuple, need_dx: bool = True) -> tuple:
    """Gradients of :func:`conv2d_relu_pool_forward`.

    Args:
        dout: ``(N, H_out // 2, W_out // 2, F)``, the gradient of the pooled output.
        cache: from the forward. need_dx: False for a network's first layer.

    Returns:
        dx ``(N, H, W, C_in)`` (None without ``need_dx``), dW ``(kh, kw, C_in, F)``,
        db ``(F,)`` (None when the convolution has no bias).
    """
    x_shape, w_shape, Wb, layout, arg, geom, has_bias = cache
    if np.shape(dout) != arg.shape:
        raise ValueError(f"conv2d_relu_pool_backward: expected dout of shape {arg.shape} "
                         f"(the forward output's), got shape {np.shape(dout)}")
    kh, kw, sh, sw, dh, dw, pt, pl, ho, wo = geom
    k1, f_count = Wb.shape
    dtype = Wb.dtype
    dout = np.ascontiguousarray(dout, dtype=dtype)
    dWb = np.empty_like(Wb)
    dx = np.empty(x_shape if need_dx else (0, 1, 1, 1), dtype=dtype)
    fn, one = gemm_for(dtype), dtype.type(1)
    if isinstance(layout, tuple):
        x, images = layout
        rows = images * ho * wo
        _backward_blocks(fn, one, dout, arg, x, Wb, geom, images, need_dx,
                         np.empty((rows, k1), dtype=dtype), np.empty((rows, f_count), dtype),
                         np.empty((rows if need_dx else 0, k1 - 1), dtype), dWb, dx)
    else:
        dcols_t = np.empty((k1 - 1, ho * wo) if need_dx else (0, 0), dtype=dtype)
        _backward_images(fn, one, dout, arg, layout, Wb, ho, wo, need_dx,
                         np.empty((ho * wo, f_count), dtype), dWb, dcols_t,
                         (kh, kw, sh, sw, dh, dw, pt, pl), dx)
    return ((dx if need_dx else None), dWb[:k1 - 1].reshape(w_shape),
            (dWb[k1 - 1] if has_bias else None))
