"""conv2d: TensorFlow's geometry, fast (im2col + GEMM) == naive loops, gradients, errors."""

import numpy as np
import pytest

from course.ops.conv import (conv2d_backward, conv2d_forward, conv2d_naive_backward,
                             conv2d_naive_forward)
from course.ops.windows import window_geometry
from gradcheck import numerical_grad


# (H, k, stride, dilation) -> (out, pad_before, pad_after) for "same", worked out by hand
# from TensorFlow's rule: out = ceil(H / s), total = max((out - 1) s + (k - 1) d + 1 - H, 0).
SAME_CASES = [
    ((28, 3, 1, 1), (28, 1, 1)),
    ((5, 3, 2, 1), (3, 1, 1)),
    ((6, 3, 2, 1), (3, 0, 1)),   # odd total: the extra cell goes after
    ((7, 4, 1, 1), (7, 1, 2)),
    ((10, 3, 3, 1), (4, 1, 1)),
    ((5, 3, 1, 2), (5, 2, 2)),
    ((4, 5, 1, 1), (4, 2, 2)),   # kernel larger than the input is fine with "same"
    ((9, 1, 2, 1), (5, 0, 0)),
    ((8, 2, 2, 1), (4, 0, 0)),
]


@pytest.mark.parametrize("args,expected", SAME_CASES)
def test_same_padding_is_tensorflows(args, expected):
    h, k, s, d = args
    assert window_geometry(h, k, s, d, "same") == expected
    x = np.zeros((1, h, 3, 1))
    W = np.zeros((k, 1, 1, 1))
    out, _ = conv2d_forward(x, W, strides=(s, 1), padding="same", dilation_rate=(d, 1))
    assert out.shape == (1, expected[0], 3, 1)


@pytest.mark.parametrize("h,k,s,d,out", [(28, 3, 1, 1, 26), (13, 3, 1, 1, 11), (7, 3, 2, 1, 3),
                                         (8, 3, 2, 1, 3), (9, 3, 1, 3, 3), (5, 5, 1, 1, 1)])
def test_valid_output_size(h, k, s, d, out):
    assert window_geometry(h, k, s, d, "valid") == (out, 0, 0)


def test_known_values_same_padding_counts_cells():
    # all-ones image and kernel: each output counts the window's cells inside the image
    x = np.ones((1, 4, 5, 1))
    W = np.ones((3, 3, 1, 1))
    out, _ = conv2d_forward(x, W, padding="same")
    expected = np.array([[4, 6, 6, 6, 4], [6, 9, 9, 9, 6], [6, 9, 9, 9, 6], [4, 6, 6, 6, 4]])
    np.testing.assert_array_equal(out[0, :, :, 0], expected)
    # stride 2 on 6 columns: total pad 1, all of it on the right
    x = np.arange(6.0).reshape(1, 1, 6, 1)
    out, _ = conv2d_forward(x, np.ones((1, 3, 1, 1)), strides=2, padding="same")
    np.testing.assert_array_equal(out[0, 0, :, 0], [0 + 1 + 2, 2 + 3 + 4, 4 + 5])


def test_cross_correlation_not_flipped():
    x = np.zeros((1, 3, 3, 1))
    x[0, 0, 0, 0] = 1.0
    W = np.arange(9.0).reshape(3, 3, 1, 1)
    out, _ = conv2d_forward(x, W)
    assert out[0, 0, 0, 0] == W[0, 0, 0, 0]


def _case(rng, n, h, w, c, kh, kw, f, dtype):
    x = rng.standard_normal((n, h, w, c)).astype(dtype)
    W = rng.standard_normal((kh, kw, c, f)).astype(dtype)
    b = rng.standard_normal(f).astype(dtype)
    return x, W, b


FAST_CASES = [
    # n, h, w, c, kh, kw, f, strides, padding, dilation, bias
    (2, 7, 6, 1, 3, 3, 4, 1, "valid", 1, True),
    (1, 7, 8, 3, 3, 2, 5, (2, 2), "same", 1, True),
    (3, 9, 9, 2, 3, 3, 2, 1, "same", (2, 2), False),
    (2, 5, 5, 6, 1, 1, 4, 1, "valid", 1, True),       # pointwise: no im2col at all
    (2, 5, 5, 6, 1, 1, 4, 2, "same", 1, False),       # 1x1 with a stride
    (2, 6, 5, 8, 2, 3, 3, (2, 1), "same", (1, 2), True),
    (1, 3, 3, 5, 5, 5, 2, (1, 2), "same", 1, True),   # kernel larger than the image
    (2, 8, 7, 16, 3, 3, 7, (3, 2), "valid", 1, True),
    (1, 11, 10, 4, 4, 3, 3, 2, "same", (2, 3), True),
    (2, 13, 13, 9, 3, 3, 8, 1, "valid", 1, True),
    (9, 13, 13, 6, 3, 3, 5, 1, "valid", 1, True),     # 3 blocks of images, the last short
    (5, 30, 30, 5, 3, 3, 4, (1, 1), "same", 1, False),  # one image a block
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("case", FAST_CASES)
def test_fast_matches_naive(case, dtype):
    n, h, w, c, kh, kw, f, s, pad, d, bias = case
    rng = np.random.default_rng(FAST_CASES.index(case))
    x, W, b = _case(rng, n, h, w, c, kh, kw, f, dtype)
    b = b if bias else None
    out, cache = conv2d_forward(x, W, b, s, pad, d)
    ref, ref_cache = conv2d_naive_forward(x, W, b, s, pad, d)
    assert out.dtype == dtype and out.shape == ref.shape
    tol = dict(rtol=1e-4, atol=1e-4) if dtype == np.float32 else dict(rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(out, ref, **tol)
    dout = rng.standard_normal(out.shape).astype(dtype)
    dx, dW, db = conv2d_backward(dout, cache)
    rdx, rdW, rdb = conv2d_naive_backward(dout, ref_cache)
    for got, want in ((dx, rdx), (dW, rdW)):
        assert got.dtype == dtype and got.shape == want.shape
        np.testing.assert_allclose(got, want, **tol)
    if bias:
        np.testing.assert_allclose(db, rdb, **tol)
    else:
        assert db is None and rdb is None
    dx2, dW2, _ = conv2d_backward(dout, cache, need_dx=False)
    assert dx2 is None
    np.testing.assert_array_equal(dW2, dW)


def test_fast_matches_naive_random_shapes():
    rng = np.random.default_rng(7)
    for _ in range(25):
        kh, kw = rng.integers(1, 4, size=2)
        sh, sw = rng.integers(1, 3, size=2)
        dh, dw = rng.integers(1, 3, size=2)
        pad = ["valid", "same"][rng.integers(2)]
        h = int(rng.integers((kh - 1) * dh + 1, 9))
        w = int(rng.integers((kw - 1) * dw + 1, 9))
        c, f, n = (int(v) for v in rng.integers(1, 7, size=3))
        x, W, b = _case(rng, n, h, w, c, kh, kw, f, np.float64)
        args = (x, W, b, (sh, sw), pad, (dh, dw))
        out, cache = conv2d_forward(*args)
        ref, rcache = conv2d_naive_forward(*args)
        np.testing.assert_allclose(out, ref, rtol=1e-10, atol=1e-10)
        g = rng.standard_normal(out.shape)
        for got, want in zip(conv2d_backward(g, cache), conv2d_naive_backward(g, rcache)):
            np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-10)


def test_same_padding_equals_explicit_zero_padding_then_valid():
    rng = np.random.default_rng(3)
    x, W, b = _case(rng, 2, 9, 8, 3, 3, 3, 4, np.float64)
    for s, d in (((2, 2), (1, 1)), ((1, 1), (2, 2)), ((2, 1), (1, 2))):
        out, _ = conv2d_forward(x, W, b, s, "same", d)
        (_, pt, pb), (_, pl, pr) = (window_geometry(9, 3, s[0], d[0], "same"),
                                    window_geometry(8, 3, s[1], d[1], "same"))
        padded = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)))
        ref, _ = conv2d_naive_forward(padded, W, b, s, "valid", d)
        np.testing.assert_allclose(out, ref, rtol=1e-10, atol=1e-10)


GRAD_CASES = [
    # n, h, w, c, kh, kw, f, strides, padding, dilation
    (1, 5, 4, 2, 3, 3, 2, 1, "valid", 1),              # batch of 1, odd sizes
    (2, 5, 5, 1, 3, 3, 3, 2, "valid", 1),              # stride 2, one channel
    (2, 5, 4, 3, 3, 2, 2, 2, "same", 1),               # stride 2, same padding
    (1, 6, 6, 2, 2, 2, 2, 1, "same", 2),               # dilation
    (2, 4, 4, 5, 1, 1, 3, 1, "valid", 1),              # pointwise
    (1, 7, 5, 6, 3, 3, 2, (2, 1), "same", (1, 2)),
]


@pytest.mark.parametrize("case", GRAD_CASES)
def test_gradients_central_differences(case):
    n, h, w, c, kh, kw, f, s, pad, d = case
    rng = np.random.default_rng(11)
    x, W, b = _case(rng, n, h, w, c, kh, kw, f, np.float64)
    out, cache = conv2d_forward(x, W, b, s, pad, d)
    G = rng.standard_normal(out.shape)

    def loss():
        return float((conv2d_forward(x, W, b, s, pad, d)[0] * G).sum())

    dx, dW, db = conv2d_backward(G, cache)
    np.testing.assert_allclose(dx, numerical_grad(loss, x), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(dW, numerical_grad(loss, W), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(db, numerical_grad(loss, b), rtol=1e-6, atol=1e-7)


def test_naive_gradients_central_differences():
    rng = np.random.default_rng(5)
    x, W, b = _case(rng, 1, 5, 4, 2, 3, 2, 2, np.float64)
    args = ((2, 1), "same", (1, 2))
    out, cache = conv2d_naive_forward(x, W, b, *args)
    G = rng.standard_normal(out.shape)

    def loss():
        return float((conv2d_naive_forward(x, W, b, *args)[0] * G).sum())

    dx, dW, db = conv2d_naive_backward(G, cache)
    np.testing.assert_allclose(dx, numerical_grad(loss, x), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(dW, numerical_grad(loss, W), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(db, numerical_grad(loss, b), rtol=1e-6, atol=1e-7)


def test_non_contiguous_inputs():
    rng = np.random.default_rng(2)
    big = rng.standard_normal((2, 8, 14, 6))
    x = big[:, ::2, ::2, 1:4]                       # strided view, 3 channels
    W = rng.standard_normal((3, 3, 4, 3)).transpose(0, 1, 3, 2)[:, :, :3, :]  # (3,3,3,4) view
    b = rng.standard_normal(8)[::2]
    assert not x.flags.c_contiguous and not W.flags.c_contiguous
    out, cache = conv2d_forward(x, W, b, padding="same")
    ref, rcache = conv2d_naive_forward(x.copy(), W.copy(), b.copy(), padding="same")
    np.testing.assert_allclose(out, ref, rtol=1e-12, atol=1e-12)
    g = rng.standard_normal(out.shape * np.array([1, 1, 1, 2]))[..., ::2]   # strided dout
    for got, want in zip(conv2d_backward(g, cache), conv2d_naive_backward(g.copy(), rcache)):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_float32_stays_float32_and_mnist_shapes():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 28, 28, 1)).astype(np.float32)
    W = rng.standard_normal((3, 3, 1, 32)).astype(np.float32)
    out, cache = conv2d_forward(x, W, np.zeros(32, np.float32))
    assert out.shape == (2, 26, 26, 32) and out.dtype == np.float32
    dx, dW, db = conv2d_backward(np.ones_like(out), cache, need_dx=False)
    assert dx is None and dW.dtype == np.float32 and db.dtype == np.float32
    np.testing.assert_allclose(db, np.full(32, 2 * 26 * 26))
    assert dW.flags.c_contiguous


@pytest.mark.parametrize("x_shape,W_shape,kwargs,words", [
    ((28, 28, 1), (3, 3, 1, 8), {}, ["(N, H, W, C_in)", "(28, 28, 1)"]),
    ((2, 28, 28, 1), (3, 3, 8), {}, ["(kh, kw, C_in, C_out)", "(3, 3, 8)"]),
    ((2, 28, 28, 3), (3, 3, 1, 8), {}, ["C_in=3", "C_in=1", "(2, 28, 28, 3)", "(3, 3, 1, 8)"]),
    ((2, 2, 5, 1), (3, 3, 1, 8), {}, ["larger than the input", "2x5"]),
    ((2, 5, 5, 1), (3, 3, 1, 8), {"dilation_rate": 3}, ["spans 7x7", "valid"]),
    ((2, 5, 5, 1), (3, 3, 1, 8), {"padding": "full"}, ["'valid' or 'same'", "'full'"]),
    ((2, 5, 5, 1), (3, 3, 1, 8), {"strides": 0}, ["strides", "positive"]),
    ((2, 5, 5, 1), (3, 3, 1, 8), {"strides": (1, 2, 3)}, ["strides", "pair"]),
    ((2, 5, 5, 1), (3, 3, 1, 8), {"b": np.zeros(7)}, ["bias", "(8,)", "(7,)"]),
])
def test_errors_name_expected_and_received(x_shape, W_shape, kwargs, words):
    for fn in (conv2d_forward, conv2d_naive_forward):
        with pytest.raises(ValueError) as e:
            fn(np.zeros(x_shape), np.zeros(W_shape), **kwargs)
        for word in words:
            assert word in str(e.value)


def test_backward_rejects_wrong_dout_shape():
    out, cache = conv2d_forward(np.zeros((2, 5, 5, 1)), np.zeros((3, 3, 1, 4)))
    with pytest.raises(ValueError, match=r"\(2, 3, 3, 4\).*\(2, 3, 3, 5\)"):
        conv2d_backward(np.zeros((2, 3, 3, 5)), cache)


def test_integer_input_becomes_float32():
    x = np.ones((1, 4, 4, 1), dtype=np.uint8)
    out, _ = conv2d_forward(x, np.ones((2, 2, 1, 1), np.float32))
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, 4)


@pytest.mark.parametrize("need_dx", [True, False])
def test_blocks_of_images_give_the_products_of_the_whole_batch(monkeypatch, need_dx):
    """More than 4 channels: im2col and the products run a few images at a time
    (course.ops.conv_blocks); without a BLAS numba can call, on the whole batch at once."""
    from course.ops import conv
    rng = np.random.default_rng(4)
    x, W, b = _case(rng, 11, 12, 12, 8, 3, 3, 6, np.float32)
    out, cache = conv2d_forward(x, W, b, 1, "same")
    assert isinstance(cache[2], tuple)  # made block by block
    dout = rng.standard_normal(out.shape).astype(np.float32)
    got = conv2d_backward(dout, cache, need_dx=need_dx)
    monkeypatch.setattr(conv, "gemm_for", lambda dtype: None)
    want_out, want_cache = conv2d_forward(x, W, b, 1, "same")
    assert not isinstance(want_cache[2], tuple)
    np.testing.assert_allclose(out, want_out, rtol=1e-5, atol=1e-5)
    want = conv2d_backward(dout, want_cache, need_dx=need_dx)
    for g, w in zip(got, want):
        if w is None:
            assert g is None
        else:
            np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-4)
