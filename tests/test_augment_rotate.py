"""Rotation with bilinear interpolation: quarter and half turns move pixels exactly, other
angles mix the four neighbours of the source point, and the outside is filled with cval;
Keras's RandomRotation gives the same images (tests/keras_reference/make_imbalance.py)."""

import math

import numpy as np
import pytest
from keras_reference import load

from course.data.augment import rotate


def images(shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def test_quarter_and_half_turns_move_pixels_exactly():
    x = images((2, 5, 5, 3))
    np.testing.assert_allclose(rotate(x, 0.0), x, atol=1e-6)
    np.testing.assert_allclose(rotate(x, 90.0), np.rot90(x, k=-1, axes=(1, 2)), atol=1e-5)
    np.testing.assert_allclose(rotate(x, -90.0), np.rot90(x, k=1, axes=(1, 2)), atol=1e-5)
    np.testing.assert_allclose(rotate(x, 180.0), x[:, ::-1, ::-1], atol=1e-5)
    y = images((1, 4, 6, 1))                      # even and not square: the centre is a corner
    np.testing.assert_allclose(rotate(y, 180.0), y[:, ::-1, ::-1], atol=1e-5)


def bilinear_by_hand(image, angle):
    """The definition, one pixel at a time, zeros outside."""
    h, w = image.shape
    a = math.radians(angle)
    ci, cj = (h - 1) / 2, (w - 1) / 2
    out = np.zeros_like(image, dtype=np.float64)
    for i in range(h):
        for j in range(w):
            y = ci + math.cos(a) * (i - ci) - math.sin(a) * (j - cj)
            x = cj + math.sin(a) * (i - ci) + math.cos(a) * (j - cj)
            for yy in (math.floor(y), math.floor(y) + 1):
                for xx in (math.floor(x), math.floor(x) + 1):
                    if 0 <= yy < h and 0 <= xx < w:
                        out[i, j] += (1 - abs(y - yy)) * (1 - abs(x - xx)) * image[yy, xx]
    return out


@pytest.mark.parametrize("angle", [30.0, -45.0, 137.0])
def test_other_angles_interpolate_between_the_four_neighbours(angle):
    x = images((1, 7, 9, 1), seed=1)
    out = rotate(x, angle)
    assert out.dtype == np.float32 and out.shape == x.shape
    np.testing.assert_allclose(out[0, :, :, 0], bilinear_by_hand(x[0, :, :, 0], angle), atol=1e-5)


def test_the_corners_are_filled_with_cval():
    x = np.ones((1, 9, 9, 1), dtype=np.float32)
    out = rotate(x, 45.0, cval=-2.0)
    assert out[0, 0, 0, 0] == -2.0 and out[0, 4, 4, 0] == pytest.approx(1.0)


@pytest.mark.parametrize("angle", [30.0, -45.0, 137.0, 90.0])
def test_keras_random_rotation_turns_the_same_way_about_the_same_centre(angle):
    reference = load("imbalance")
    np.testing.assert_allclose(rotate(reference["rotation/images"], angle),
                               reference[f"rotation/{angle}"], atol=2e-6)
