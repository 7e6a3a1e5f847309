"""2-D pooling (Keras ``MaxPooling2D``, ``AveragePooling2D``, ``GlobalMaxPooling2D``,
``GlobalAveragePooling2D``), channels-last, forward and backward.

Shapes: ``x`` ``(N, H, W, C)`` -> ``(N, H_out, W_out, C)`` for the windowed pools and
``(N, C)`` for the global ones. Window geometry is TensorFlow's (:mod:`course.ops.im2col`):
``strides`` defaults to ``pool_size``; ``"valid"`` drops the cells a last window would
only half cover, ``"same"`` pads so that ``H_out = ceil(H / s)``. The padding never takes
part: a padded cell never wins a max, and an average is over the window's cells that lie
inside the image (TensorFlow's ``avg_pool`` divides by that count, not by ``ph * pw``).

Max-pool backward sends each output gradient to the input cell that won the max (the
first in row-major window order on ties), remembered by the forward as the winner's place
in its window (``int8`` for windows of up to 127 cells). When the windows tile the image
(``strides == pool_size``, the usual case) the backward writes every cell of ``dx`` once,
instead of zeroing ``dx`` and adding into it.
Every kernel loops over channels innermost, the contiguous axis of channels-last data.
"""

import numpy as np
from numba import njit, prange

from course import threads
from course.ops.dtypes import as_float_c, float_dtype
from course.ops.windows import int_pair, padding_mode, window_geometry

PARALLEL = threads.NUMBA_PARALLEL


def _prepare(x, pool_size, strides, padding, fn):
    x = np.asarray(x)
    if x.ndim != 4:
        raise ValueError(f"{fn}: expected x of shape (N, H, W, C) (4-D, channels last), "
                         f"got shape {x.shape}")
    if min(x.shape) == 0:
        raise ValueError(f"{fn}: empty input, x shape {x.shape}")
    ph, pw = int_pair(pool_size, "pool_size", fn)
    sh, sw = int_pair(pool_size if strides is None else strides, "strides", fn)
    mode = padding_mode(padding, fn)
    n, h, w, c = x.shape
    try:
        ho, pt, _ = window_geometry(h, ph, sh, 1, mode)
        wo, pl, _ = window_geometry(w, pw, sw, 1, mode)
    except ValueError:
        raise ValueError(f"{fn}: pool_size {ph}x{pw} is larger than the input {h}x{w} with "
                         f"padding='valid' (x shape {x.shape})") from None
    x = as_float_c(x, float_dtype(x))
    return x, (ph, pw, sh, sw, pt, pl, ho, wo)


def _check_dout(dout, expected, fn, dtype):
    if np.shape(dout) != tuple(expected):
        raise ValueError(f"{fn}: expected dout of shape {tuple(expected)} (the forward output's), "
                         f"got shape {np.shape(dout)}")
    return as_float_c(dout, dtype)


@njit(cache=True, parallel=PARALLEL, nogil=True)
def _max_pool_fwd(x, ph, pw, sh, sw, pt, pl, out, arg):
    """``out`` = window maxima; ``arg`` = each winner's place in its window, ``i * pw + j``."""
    n_img, h, w, c = x.shape
    _, ho, wo, _ = out.shape
    for n in prange(n_img):
        for oh in range(ho):
            h0 = oh * sh - pt
            h_lo, h_hi = max(h0, 0), min(h0 + ph, h)
            for ow in range(wo):
                w0 = ow * sw - pl
                w_lo, w_hi = max(w0, 0), min(w0 + pw, w)
                best = out[n, oh, ow]
                where = arg[n, oh, ow]
                first = x[n, h_lo, w_lo]
                rel0 = (h_lo - h0) * pw + (w_lo - w0)
                for k in range(c):
                    best[k] = first[k]
                    where[k] = rel0
                for ih in range(h_lo, h_hi):
                    for iw in range(w_lo, w_hi):
                        cell = x[n, ih, iw]
                        rel = (ih - h0) * pw + (iw - w0)
                        for k in range(c):
                            v = cell[k]
                            if v > best[k]:
                                best[k] = v
                                where[k] = rel


@njit(cache=True, parallel=PARALLEL, nogil=True)
def _max_pool_bwd_tiled(dout, arg, ph, pw, pt, pl, dx):
    """Windows that tile the image (strides == pool_size): one pass writes every cell."""
    n_img, h, w, c = dx.shape
    _, ho, wo, _ = dout.shape
    for n in prange(n_img):
        for oh in range(ho):
            h0 = oh * ph - pt
            h_lo, h_hi = max(h0, 0), min(h0 + ph, h)
            for ow in range(wo):
                w0 = ow * pw - pl
                w_lo, w_hi = max(w0, 0), min(w0 + pw, w)
                g = dout[n, oh, ow]
                a = arg[n, oh, ow]
                for ih in range(h_lo, h_hi):
                    for iw in range(w_lo, w_hi):
                        cell = dx[n, ih, iw]
                        rel = (ih - h0) * pw + (iw - w0)
                        for k in range(c):
                            cell[k] = g[k] if a[k] == rel else 0
        # cells no window covers ("valid" drops the last rows / columns)
        h_end = min(max(ho * ph - pt, 0), h)
        w_end = min(max(wo * pw - pl, 0), w)
        for ih in range(h):
            for iw in range(w_end if ih < h_end else 0, w):
                dx[n, ih, iw] = 0


@njit(cache=True, parallel=PARALLEL, nogil=True)
def _max_pool_bwd(dout, arg, ph, pw, sh, sw, pt, pl, dx):
    """Any windows (overlapping, or with gaps between them): zero, then add."""
    n_img, h, w, c = dx.shape
    _, ho, wo, _ = dout.shape
    for n in prange(n_img):
        dx[n] = 0
        for oh in range(ho):
            h0 = oh * sh - pt
            for ow in range(wo):
                w0 = ow * sw - pl
                g = dout[n, oh, ow]
                a = arg[n, oh, ow]
                for k in range(c):
                    dx[n, h0 + a[k] // pw, w0 + a[k] % pw, k] += g[k]


@njit(cache=True, parallel=PARALLEL, nogil=True)
def _avg_pool_fwd(x, ph, pw, sh, sw, pt, pl, out):
    n_img, h, w, c = x.shape
    _, ho, wo, _ = out.shape
    for n in prange(n_img):
        for oh in range(ho):
            h0 = oh * sh - pt
            h_lo, h_hi = max(h0, 0), min(h0 + ph, h)
            for ow in range(wo):
                w0 = ow * sw - pl
                w_lo, w_hi = max(w0, 0), min(w0 + pw, w)
                acc = out[n, oh, ow]
                acc[:] = 0
                for ih in range(h_lo, h_hi):
                    for iw in range(w_lo, w_hi):
                        cell = x[n, ih, iw]
                        for k in range(c):
                            acc[k] += cell[k]
                scale = 1.0 / ((h_hi - h_lo) * (w_hi - w_lo))
                for k in range(c):
                    acc[k] *= scale


@njit(cache=True, parallel=PARALLEL, nogil=True)
def _avg_pool_bwd(dout, ph, pw, sh, sw, pt, pl, dx):
    n_img, h, w, c = dx.shape
    _, ho, wo, _ = dout.shape
    for n in prange(n_img):
        dx[n] = 0
        for oh in range(ho):
            h0 = oh * sh - pt
            h_lo, h_hi = max(h0, 0), min(h0 + ph, h)
            for ow in range(wo):
                w0 = ow * sw - pl
                w_lo, w_hi = max(w0, 0), min(w0 + pw, w)
                g = dout[n, oh, ow]
                scale = 1.0 / ((h_hi - h_lo) * (w_hi - w_lo))
                for ih in range(h_lo, h_hi):
                    for iw in range(w_lo, w_hi):
                        cell = dx[n, ih, iw]
                        for k in range(c):
                            cell[k] += g[k] * scale


def max_pool2d_forward(x: np.ndarray, pool_size: int | tuple = (2, 2),
                       strides: int | tuple | None = None, padding: str = 'valid') -> tuple:
    """Max over each window, per channel.

    Args:
        x: shape ``(N, H, W, C)``.
        pool_size: int or ``(ph, pw)``.
        strides: int or ``(sh, sw)``; None means ``pool_size`` (Keras's default).
        padding: ``"valid"`` or ``"same"`` (padded cells never win).

    Returns:
        out: shape ``(N, H_out, W_out, C)``.
        cache: for :func:`max_pool2d_backward` (the input shape and the winners' indices).
    """
    x, geom = _prepare(x, pool_size, strides, padding, "max_pool2d_forward")
    ph, pw, sh, sw, pt, pl, ho, wo = geom
    n, _, _, c = x.shape
    out = np.empty((n, ho, wo, c), dtype=x.dtype)
    arg = np.empty((n, ho, wo, c), dtype=np.int8 if ph * pw <= 127 else np.int32)
    _max_pool_fwd(x, ph, pw, sh, sw, pt, pl, out, arg)
    return out, (x.shape, x.dtype, arg, geom)


def max_pool2d_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """Gradient of :func:`max_pool2d_forward`: ``dout`` ``(N, H_out, W_out, C)`` goes to
    each window's winner; returns ``dx`` ``(N, H, W, C)``."""
    x_shape, dtype, arg, (ph, pw, sh, sw, pt, pl, _, _) = cache
    dout = _check_dout(dout, arg.shape, "max_pool2d_backward", dtype)
    dx = np.empty(x_shape, dtype=dtype)
    if (sh, sw) == (ph, pw):
        _max_pool_bwd_tiled(dout, arg, ph, pw, pt, pl, dx)
    else:
        _max_pool_bwd(dout, arg, ph, pw, sh, sw, pt, pl, dx)
    return dx


def average_pool2d_forward(x: np.ndarray, pool_size: int | tuple = (2, 2),
                           strides: int | tuple | None = None, padding: str = 'valid') -> tuple:
    """Mean over each window, per channel (over the cells inside the image for "same").

    Shapes and arguments as :func:`max_pool2d_forward`.
    """
    x, geom = _prepare(x, pool_size, strides, padding, "average_pool2d_forward")
    ph, pw, sh, sw, pt, pl, ho, wo = geom
    n, _, _, c = x.shape
    out = np.empty((n, ho, wo, c), dtype=x.dtype)
    _avg_pool_fwd(x, ph, pw, sh, sw, pt, pl, out)
    return out, (x.shape, x.dtype, geom)


def average_pool2d_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """Gradient of :func:`average_pool2d_forward`: each window's cells get
    ``dout / count``; returns ``dx`` ``(N, H, W, C)``."""
    x_shape, dtype, geom = cache
    ph, pw, sh, sw, pt, pl, ho, wo = geom
    expected = (x_shape[0], ho, wo, x_shape[3])
    dout = _check_dout(dout, expected, "average_pool2d_backward", dtype)
    dx = np.empty(x_shape, dtype=dtype)
    _avg_pool_bwd(dout, ph, pw, sh, sw, pt, pl, dx)
    return dx


def _prepare_global(x, fn):
    x = np.asarray(x)
    if x.ndim != 4:
        raise ValueError(f"{fn}: expected x of shape (N, H, W, C) (4-D, channels last), "
                         f"got shape {x.shape}")
    if min(x.shape) == 0:
        raise ValueError(f"{fn}: empty input, x shape {x.shape}")
    return as_float_c(x, float_dtype(x))


@njit(cache=True, nogil=True)
def _global_max_fwd(x, out, arg):
    n_img, h, w, c = x.shape
    for n in range(n_img):
        cells = x[n].reshape(h * w, c)
        best = out[n]
        where = arg[n]
        for k in range(c):
            best[k] = cells[0, k]
            where[k] = 0
        for p in range(1, h * w):
            cell = cells[p]
            for k in range(c):
                if cell[k] > best[k]:
                    best[k] = cell[k]
                    where[k] = p


@njit(cache=True, nogil=True)
def _global_max_bwd(dout, arg, dx):
    n_img, h, w, c = dx.shape
    for n in range(n_img):
        dx[n] = 0
        plane = dx[n].reshape(-1)
        for k in range(c):
            plane[arg[n, k] * c + k] = dout[n, k]


def global_average_pool2d_forward(x: np.ndarray) -> tuple:
    """Mean over the spatial axes: ``(N, H, W, C)`` -> ``(N, C)``."""
    x = _prepare_global(x, "global_average_pool2d_forward")
    n, h, w, c = x.shape
    out = (x.reshape(n, h * w, c).sum(axis=1, dtype=np.float64) / (h * w)).astype(x.dtype)
    return out, (x.shape, x.dtype)


def global_average_pool2d_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """Every cell gets ``dout / (H * W)``: ``(N, C)`` -> ``(N, H, W, C)``."""
    (n, h, w, c), dtype = cache
    dout = _check_dout(dout, (n, c), "global_average_pool2d_backward", dtype)
    dx = np.empty((n, h, w, c), dtype=dtype)
    dx[...] = (dout / dtype.type(h * w))[:, None, None, :]
    return dx


def global_max_pool2d_forward(x: np.ndarray) -> tuple:
    """Max over the spatial axes: ``(N, H, W, C)`` -> ``(N, C)``."""
    x = _prepare_global(x, "global_max_pool2d_forward")
    n, h, w, c = x.shape
    out = np.empty((n, c), dtype=x.dtype)
    arg = np.empty((n, c), dtype=np.int32)
    _global_max_fwd(x, out, arg)
    return out, (x.shape, x.dtype, arg)


def global_max_pool2d_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """The whole ``dout`` ``(N, C)`` goes to each channel's winning cell (the first on ties)."""
    x_shape, dtype, arg = cache
    dout = _check_dout(dout, arg.shape, "global_max_pool2d_backward", dtype)
    dx = np.empty(x_shape, dtype=dtype)
    _global_max_bwd(dout, arg, dx)
    return dx
