"""Random affine transforms of images (rotation, shift, zoom, flip), for data augmentation.

:func:`random_affine` draws one transform per image; :func:`affine_warp` applies them with
bilinear interpolation in one numba loop. A transform maps each *output* pixel back to
the point of the input it samples (as ``scipy.ndimage.affine_transform`` does), about the
image centre; points outside the input are filled by ``fill_mode``:
``"nearest"`` (the closest edge pixel), ``"constant"`` (``cval``), ``"reflect"``, ``"wrap"``.
"""

import math

import numpy as np
from numba import njit

FILL_MODES = {"constant": 0, "nearest": 1, "reflect": 2, "wrap": 3}


@njit(cache=True)
def _source_index(i, n, mode):
    """Map an integer coordinate ``i`` into ``[0, n)`` by the fill mode; -1 means "constant"."""
    if 0 <= i < n:
        return i
    if mode == 0:
        return -1
    if mode == 1:
        return 0 if i < 0 else n - 1
    if mode == 2:
        period = 2 * n
        i = i % period
        return i if i < n else period - 1 - i
    return i % n


@njit(cache=True)
def _warp(images, matrices, mode, cval, out):
    n, h, w, c = images.shape
    ci, cj = (h - 1) / 2.0, (w - 1) / 2.0
    for k in range(n):
        a, b, t0 = matrices[k, 0, 0], matrices[k, 0, 1], matrices[k, 0, 2]
        d, e, t1 = matrices[k, 1, 0], matrices[k, 1, 1], matrices[k, 1, 2]
        for i in range(h):
            for j in range(w):
                y = a * (i - ci) + b * (j - cj) + ci + t0
                x = d * (i - ci) + e * (j - cj) + cj + t1
                y0, x0 = math.floor(y), math.floor(x)
                fy, fx = y - y0, x - x0
                for ch in range(c):
                    acc = 0.0
                    for dy in range(2):
                        wy = fy if dy else 1.0 - fy
                        if wy == 0.0:
                            continue
                        yy = _source_index(y0 + dy, h, mode)
                        for dx in range(2):
                            wx = fx if dx else 1.0 - fx
                            if wx == 0.0:
                                continue
                            xx = _source_index(x0 + dx, w, mode)
                            v = cval if (yy < 0 or xx < 0) else images[k, yy, xx, ch]
                            acc += wy * wx * v
                    out[k, i, j, ch] = acc


def affine_warp(images, matrices, fill_mode="nearest", cval=0.0):
    """Apply one 2x3 matrix per image.

    Args:
        images: ``(N, H, W, C)`` floats.
        matrices: ``(N, 2, 3)``: ``[[a, b, t_row], [d, e, t_col]]`` mapping an output pixel's
            centred ``(row, col)`` to the input point it samples.

    Returns: ``(N, H, W, C)`` float32.
    """
    if fill_mode not in FILL_MODES:
        raise ValueError(f"fill_mode must be one of {sorted(FILL_MODES)}, got {fill_mode!r}")
    images = np.ascontiguousarray(images, dtype=np.float32)
    if images.ndim != 4:
        raise ValueError(f"images must have shape (N, H, W, C), got {images.shape}")
    matrices = np.ascontiguousarray(matrices, dtype=np.float64)
    if matrices.shape != (len(images), 2, 3):
        raise ValueError(f"expected {len(images)} matrices of shape (2, 3), got {matrices.shape}")
    out = np.empty_like(images)
    _warp(images, matrices, FILL_MODES[fill_mode], float(cval), out)
    return out


def random_affine(n, shape, rng, rotation_range=0.0, height_shift_range=0.0,
                  width_shift_range=0.0, zoom_range=(1.0, 1.0), horizontal_flip=False,
                  vertical_flip=False):
    """``(N, 2, 3)`` matrices of random transforms, Keras's ranges.

    ``rotation_range`` in degrees; shift ranges as a fraction of the height/width (below 1)
    or in pixels; ``zoom_range`` a ``(low, high)`` range of scale factors (per axis).
    """
    h, w = shape
    theta = np.deg2rad(rng.uniform(-rotation_range, rotation_range, n))
    sh = height_shift_range * h if 0 < height_shift_range < 1 else height_shift_range
    sw = width_shift_range * w if 0 < width_shift_range < 1 else width_shift_range
    ty = rng.uniform(-sh, sh, n)
    tx = rng.uniform(-sw, sw, n)
    zy = rng.uniform(zoom_range[0], zoom_range[1], n)
    zx = rng.uniform(zoom_range[0], zoom_range[1], n)
    fy = np.where(vertical_flip & (rng.random(n) < 0.5), -1.0, 1.0)
    fx = np.where(horizontal_flip & (rng.random(n) < 0.5), -1.0, 1.0)
    cos, sin = np.cos(theta), np.sin(theta)
    m = np.empty((n, 2, 3))
    m[:, 0, 0], m[:, 0, 1], m[:, 0, 2] = cos * zy * fy, -sin * zx * fx, ty
    m[:, 1, 0], m[:, 1, 1], m[:, 1, 2] = sin * zy * fy, cos * zx * fx, tx
    return m


def rotate(images, angle, fill_mode="constant", cval=0.0):
    """Rotate each image by ``angle`` degrees about its centre, bilinear interpolation.

    Output pixel ``(i, j)`` takes the value of the input at
    ``(y, x) = (c_i + cos a (i - c_i) - sin a (j - c_j), c_j + sin a (i - c_i) + cos a (j - c_j))``,
    ``c = ((H - 1) / 2, (W - 1) / 2)`` (rows grow downwards, so a positive angle turns
    the picture clockwise), interpolated between its four neighbours; points
    outside the image take ``cval`` (``fill_mode="constant"``) or another fill mode.

    Args:
        images: ``(N, H, W, C)``.
        angle: degrees.

    Returns:
        float32 ``(N, H, W, C)``.
    """
    a = np.deg2rad(angle)
    matrix = np.array([[np.cos(a), -np.sin(a), 0.0], [np.sin(a), np.cos(a), 0.0]])
    return affine_warp(images, np.tile(matrix, (len(images), 1, 1)), fill_mode, cval)
