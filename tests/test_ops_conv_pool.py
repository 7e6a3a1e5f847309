"""conv2d_relu_pool: a convolution on few channels, its ReLU and a 2x2 max pooling as one op
give the numbers and gradients of the three ops one after the other."""

import numpy as np
import pytest

from course.ops.activations import relu_backward, relu_forward
from course.ops.conv import conv2d_backward, conv2d_forward
from course.ops.conv_pool import (conv2d_relu_pool_backward, conv2d_relu_pool_forward,
                                  fusable)
from course.ops.pooling import max_pool2d_backward, max_pool2d_forward
from gradcheck import numerical_grad

CASES = [
    # n, h, w, c, kh, kw, f, strides, padding, dilation, bias
    (4, 28, 28, 1, 3, 3, 8, 1, "valid", 1, True),     # MNIST's first block (26 -> 13)
    (3, 9, 11, 3, 3, 3, 5, 1, "same", 1, True),       # odd sizes: a row and column dropped
    (2, 10, 9, 2, 3, 2, 4, 2, "same", 1, False),
    (2, 12, 12, 1, 3, 3, 3, 1, "valid", 2, True),     # dilation
    (1, 8, 8, 4, 5, 5, 6, (1, 2), "same", 1, True),
    (9, 13, 13, 6, 3, 3, 5, 1, "valid", 1, True),     # many channels: blocks of images
    (3, 11, 10, 8, 3, 3, 4, 1, "same", 1, False),     # a block of one image, odd sizes
]


def _case(case, dtype, seed=0):
    n, h, w, c, kh, kw, f, s, pad, d, bias = case
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, h, w, c)).astype(dtype)
    W = rng.standard_normal((kh, kw, c, f)).astype(dtype)
    b = rng.standard_normal(f).astype(dtype) if bias else None
    return x, W, b, dict(strides=s, padding=pad, dilation_rate=d)


def _composed(x, W, b, relu, kwargs):
    z, conv_cache = conv2d_forward(x, W, b, **kwargs)
    r, relu_cache = relu_forward(z) if relu else (z, None)
    out, pool_cache = max_pool2d_forward(r, 2)

    def backward(dout, need_dx=True):
        dr = max_pool2d_backward(dout, pool_cache)
        return conv2d_backward(relu_backward(dr, relu_cache) if relu else dr, conv_cache,
                               need_dx=need_dx)
    return out, backward


@pytest.mark.parametrize("relu", [True, False], ids=["relu", "linear"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("case", CASES)
def test_same_numbers_and_gradients_as_conv_relu_then_pool(case, dtype, relu):
    x, W, b, kwargs = _case(case, dtype, CASES.index(case))
    out, cache = conv2d_relu_pool_forward(x, W, b, relu=relu, **kwargs)
    want, backward = _composed(x, W, b, relu, kwargs)
    assert out.dtype == dtype and out.shape == want.shape
    tol = dict(rtol=1e-5, atol=1e-5) if dtype == np.float32 else dict(rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(out, want, **tol)
    dout = np.random.default_rng(9).standard_normal(out.shape).astype(dtype)
    for need_dx in (True, False):
        got = conv2d_relu_pool_backward(dout, cache, need_dx=need_dx)
        for g, w in zip(got, backward(dout, need_dx)):
            if w is None:
                assert g is None
            else:
                assert g.dtype == dtype and g.shape == w.shape
                np.testing.assert_allclose(g, w, **tol)


@pytest.mark.parametrize("case", CASES[1:4] + CASES[6:])
def test_gradients_central_differences(case):
    x, W, b, kwargs = _case(case, np.float64, 21)
    if b is None:
        b = np.zeros(W.shape[3])
    out, cache = conv2d_relu_pool_forward(x, W, b, **kwargs)
    G = np.random.default_rng(3).standard_normal(out.shape)

    def loss():
        return float((conv2d_relu_pool_forward(x, W, b, **kwargs)[0] * G).sum())

    dx, dW, db = conv2d_relu_pool_backward(G, cache)
    np.testing.assert_allclose(dx, numerical_grad(loss, x), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(dW, numerical_grad(loss, W), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(db, numerical_grad(loss, b), rtol=1e-5, atol=1e-7)


def test_a_window_of_negatives_passes_no_gradient_and_ties_go_to_the_first_cell():
    x = np.array([[1., 1.], [-1., 1.]]).reshape(1, 2, 2, 1)
    x = np.pad(x, ((0, 0), (0, 0), (0, 2), (0, 0)))  # 2x4: two windows of a 1x1 conv
    W = np.ones((1, 1, 1, 1))
    out, cache = conv2d_relu_pool_forward(x, W, np.zeros(1))
    assert out.ravel().tolist() == [1.0, 0.0]  # the second window is all zeros: ReLU stops it
    dx, dW, db = conv2d_relu_pool_backward(np.ones_like(out), cache)
    assert dx[0, :, :, 0].tolist() == [[1, 0, 0, 0], [0, 0, 0, 0]]  # the first of three ties
    assert dW.ravel().tolist() == [1.0] and db.tolist() == [1.0]


def test_nan_in_the_first_cell_of_a_window_comes_out_as_the_three_ops_give_it():
    x = np.ones((1, 2, 2, 1), np.float32)
    x[0, 0, 0, 0] = np.nan
    out, _ = conv2d_relu_pool_forward(x, np.ones((1, 1, 1, 1), np.float32))
    want, _ = _composed(x, np.ones((1, 1, 1, 1), np.float32), None, True, {})
    assert np.isnan(out).all() and np.isnan(want).all()


def test_which_convolutions_it_serves():
    assert fusable(np.float32, "relu") and fusable(np.float64, "linear")
    assert not fusable(np.float32, "tanh")
    assert not fusable(np.float16, "relu")


@pytest.mark.parametrize("x_shape, W_shape, words", [
    ((2, 3, 3, 1), (3, 3, 1, 4), "smaller than the 2x2 pooling window"),
    ((2, 8, 8), (3, 3, 1, 4), "expected x of shape (N, H, W, C_in)"),
])
def test_errors_name_what_was_expected(x_shape, W_shape, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        conv2d_relu_pool_forward(np.zeros(x_shape, np.float32), np.zeros(W_shape, np.float32))


def test_backward_rejects_a_dout_of_the_wrong_shape():
    out, cache = conv2d_relu_pool_forward(np.zeros((2, 6, 6, 1)), np.ones((3, 3, 1, 2)))
    with pytest.raises(ValueError, match=r"expected dout of shape \(2, 2, 2, 2\)"):
        conv2d_relu_pool_backward(np.zeros((2, 4, 4, 2)), cache)
