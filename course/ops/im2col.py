"""The im2col / col2im kernels shared by convolution and pooling (the window geometry is
in :mod:`course.ops.windows`).

im2col (channels-last): every output position ``(n, oh, ow)`` becomes one row of ``cols``
holding the ``kh * kw * C`` input values under its window, ordered ``(i, j, c)`` as in
a Keras kernel ``(kh, kw, C_in, C_out)`` reshaped to ``(kh * kw * C_in, C_out)``. Cells of
the padding read as 0. A convolution is then one matrix product ``cols @ W2d``. col2im is
its adjoint: it adds every row of ``dcols`` back onto the input cells it was read from.

With dilation 1, the ``kw`` taps of one kernel row read ``kw * C`` consecutive numbers of
a C-contiguous channels-last image, so the kernels copy whole runs where the window lies
inside the image and fall back to per-tap bounds checks only at the borders.
"""

from numba import njit, prange

from course import threads

PARALLEL = threads.NUMBA_PARALLEL


@njit(cache=True, inline="always")
def _copy_run(dst, src, length):
    """``dst[:length] = src[:length]`` for 1-D views, as a loop LLVM vectorizes.

    The views start at offset 0, so every index ``t`` is provably non-negative and numba
    drops its negative-index wraparound check; indexing the flat arrays at ``start + t``
    instead keeps that check in the loop and leaves it scalar (3-4x slower).
    """
    for t in range(length):
        dst[t] = src[t]


@njit(cache=True, inline="always")
def _add_run(dst, src, length):
    """``dst[:length] += src[:length]`` for 1-D views (vectorized, see :func:`_copy_run`)."""
    for t in range(length):
        dst[t] += src[t]


@njit(cache=True, parallel=PARALLEL, nogil=True)
def im2col(x, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, cols, ones_col):
    """Fill ``cols`` (N*ho*wo, >= kh*kw*C) from ``x`` (N, H, W, C), C-contiguous.

    When ``ones_col`` is true, column ``kh*kw*C`` is set to 1 (the bias trick).
    """
    n_img, h, w, c = x.shape
    xf = x.reshape(-1)
    K = cols.shape[1]
    run = kw * c
    kk = kh * kw * c
    for n in prange(n_img):
        for oh in range(ho):
            for ow in range(wo):
                r = (n * ho + oh) * wo + ow
                row = cols[r]
                iw0 = ow * sw - pl
                inside_w = dw == 1 and iw0 >= 0 and iw0 + kw <= w
                for i in range(kh):
                    ih = oh * sh - pt + i * dh
                    seg = i * run
                    if ih < 0 or ih >= h:
                        row[seg:seg + run] = 0
                    elif inside_w:
                        _copy_run(row[seg:], xf[((n * h + ih) * w + iw0) * c:], run)
                    else:
                        for j in range(kw):
                            iw = iw0 + j * dw
                            dst = seg + j * c
                            if iw < 0 or iw >= w:
                                row[dst:dst + c] = 0
                            else:
                                _copy_run(row[dst:], xf[((n * h + ih) * w + iw) * c:], c)
                if ones_col:
                    row[kk] = 1
                row[kk + ones_col:K] = 0


@njit(cache=True, parallel=PARALLEL, nogil=True)
def col2im(dcols, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, dx):
    """Overwrite ``dx`` (N, H, W, C) with the sum of ``dcols`` rows over their windows.

    ``dcols`` is (N*ho*wo, >= kh*kw*C); extra columns are ignored. ``dx`` C-contiguous.
    """
    n_img, h, w, c = dx.shape
    run = kw * c
    plane = h * w * c
    dxf = dx.reshape(-1)
    for n in prange(n_img):
        base = n * plane
        dxf[base:base + plane] = 0
        for oh in range(ho):
            for ow in range(wo):
                row = dcols[(n * ho + oh) * wo + ow]
                iw0 = ow * sw - pl
                inside_w = dw == 1 and iw0 >= 0 and iw0 + kw <= w
                for i in range(kh):
                    ih = oh * sh - pt + i * dh
                    if ih < 0 or ih >= h:
                        continue
                    if inside_w:
                        _add_run(dxf[base + (ih * w + iw0) * c:], row[i * run:], run)
                    else:
                        for j in range(kw):
                            iw = iw0 + j * dw
                            if 0 <= iw < w:
                                _add_run(dxf[base + (ih * w + iw) * c:], row[(i * kw + j) * c:], c)


@njit(cache=True, parallel=PARALLEL, nogil=True)
def im2col_t(x, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, cols_t, ones_row):
    """Fill ``cols_t`` (>= kh*kw*C, N*ho*wo), the transpose of :func:`im2col`'s ``cols``.

    The layout for few input channels (an image's 1 or 3): for a fixed tap ``(i, j, c)`` and
    image row, consecutive output columns read (nearly) consecutive input cells and write
    consecutive memory, which vectorizes; the row layout would copy runs of only ``kw * C``.
    """
    n_img, h, w, c = x.shape
    kk = kh * kw * c
    for n in prange(n_img):
        for oh in range(ho):
            r0 = (n * ho + oh) * wo
            for i in range(kh):
                ih = oh * sh - pt + i * dh
                for j in range(kw):
                    off = j * dw - pl
                    # output columns whose tap (i, j) falls inside the image: lo <= ow < hi
                    lo = max(0, (-off + sw - 1) // sw)
                    hi = min(wo, (w - 1 - off) // sw + 1)
                    if ih < 0 or ih >= h:
                        lo = hi = wo
                    if hi < lo:
                        hi = lo
                    for t in range(c):
                        dst = cols_t[(i * kw + j) * c + t, r0:r0 + wo]
                        dst[:lo] = 0
                        dst[hi:] = 0
                        if hi > lo:
                            src = x[n, ih, lo * sw + off:(hi - 1) * sw + off + 1:sw, t]
                            _copy_run(dst[lo:], src, hi - lo)
    for k in range(kk, cols_t.shape[0]):
        cols_t[k, :] = 1 if (ones_row and k == kk) else 0


@njit(cache=True, parallel=PARALLEL, nogil=True)
def col2im_t(dcols_t, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo, dx):
    """Adjoint of :func:`im2col_t`: overwrite ``dx`` (N, H, W, C) from ``dcols_t`` (K, M)."""
    n_img, h, w, c = dx.shape
    for n in prange(n_img):
        dx[n] = 0
        for oh in range(ho):
            r0 = (n * ho + oh) * wo
            for i in range(kh):
                ih = oh * sh - pt + i * dh
                if ih < 0 or ih >= h:
                    continue
                for j in range(kw):
                    off = j * dw - pl
                    lo = max(0, (-off + sw - 1) // sw)
                    hi = min(wo, (w - 1 - off) // sw + 1)
                    if hi > lo:
                        for t in range(c):
                            _add_run(dx[n, ih, lo * sw + off:(hi - 1) * sw + off + 1:sw, t],
                                     dcols_t[(i * kw + j) * c + t, r0 + lo:], hi - lo)


@njit(cache=True, nogil=True)
def column_sum(a, out):
    """``out[f] = sum_r a[r, f]`` for ``a`` (M, F), accumulated in ``out``'s dtype."""
    m, f = a.shape
    for j in range(f):
        out[j] = 0
    for r in range(m):
        row = a[r]
        for j in range(f):
            out[j] += row[j]
