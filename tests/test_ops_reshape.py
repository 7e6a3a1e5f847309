"""Flatten, reshape and zero padding: shapes, Keras's forms, gradients, errors."""

import numpy as np
import pytest

from course.ops.padding import zero_padding2d_backward, zero_padding2d_forward
from course.ops.reshape import (flatten_backward, flatten_forward, reshape_backward,
                                reshape_forward)


def test_flatten_round_trip_c_order():
    x = np.arange(2 * 3 * 3 * 4.0).reshape(2, 3, 3, 4)
    out, cache = flatten_forward(x)
    assert out.shape == (2, 36)
    np.testing.assert_array_equal(out[1], x[1].ravel())
    np.testing.assert_array_equal(flatten_backward(out, cache), x)
    assert flatten_forward(np.arange(5.0))[0].shape == (5, 1)
    out, _ = flatten_forward(np.zeros((64, 3, 3, 64), np.float32))
    assert out.shape == (64, 576) and out.dtype == np.float32


def test_flatten_non_contiguous():
    x = np.arange(2 * 4 * 6.0).reshape(2, 4, 6)[:, ::2, ::3]
    out, cache = flatten_forward(x)
    np.testing.assert_array_equal(out, x.copy().reshape(2, -1))
    np.testing.assert_array_equal(flatten_backward(out, cache), x)


def test_reshape_keras_target_shape():
    x = np.arange(2 * 12.0).reshape(2, 12)
    out, cache = reshape_forward(x, (3, 4))
    assert out.shape == (2, 3, 4)
    assert reshape_forward(x, (-1, 2))[0].shape == (2, 6, 2)
    np.testing.assert_array_equal(reshape_backward(out, cache), x)
    for bad in ((5, 3), (-1, 5), (-1, -1, 3), (0, 12)):
        with pytest.raises(ValueError, match=r"\(2, 12\)"):
            reshape_forward(x, bad)
    with pytest.raises(ValueError, match="does not match"):
        reshape_backward(np.zeros((2, 11)), cache)


@pytest.mark.parametrize("padding,expected", [
    (1, ((1, 1), (1, 1))),
    ((2, 0), ((2, 2), (0, 0))),
    (((0, 1), (2, 3)), ((0, 1), (2, 3))),
])
def test_zero_padding_forms(padding, expected):
    x = np.random.default_rng(0).standard_normal((2, 3, 4, 2)).astype(np.float32)
    out, cache = zero_padding2d_forward(x, padding)
    (t, b), (l, r) = expected
    assert out.shape == (2, 3 + t + b, 4 + l + r, 2) and out.dtype == np.float32
    np.testing.assert_array_equal(out[:, t:t + 3, l:l + 4], x)
    assert out.sum() == pytest.approx(x.sum(), rel=1e-5)
    G = np.random.default_rng(1).standard_normal(out.shape)
    # out is a linear copy: the gradient is G's inner part
    np.testing.assert_array_equal(zero_padding2d_backward(G, cache), G[:, t:t + 3, l:l + 4])


def test_zero_padding_errors():
    with pytest.raises(ValueError, match=r"\(N, H, W, C\).*\(3, 4\)"):
        zero_padding2d_forward(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="padding"):
        zero_padding2d_forward(np.zeros((1, 3, 4, 1)), -1)
    with pytest.raises(ValueError, match="padding"):
        zero_padding2d_forward(np.zeros((1, 3, 4, 1)), (1, 2, 3))
    _, cache = zero_padding2d_forward(np.zeros((1, 3, 4, 1)), 1)
    with pytest.raises(ValueError, match=r"\(1, 5, 6, 1\)"):
        zero_padding2d_backward(np.zeros((1, 5, 5, 1)), cache)
