"""Pooling: against a plain loop with TensorFlow's rules, gradients, ties, errors."""

import math

import numpy as np
import pytest

from course.ops.pooling import (average_pool2d_backward, average_pool2d_forward,
                                global_average_pool2d_backward, global_average_pool2d_forward,
                                global_max_pool2d_backward, global_max_pool2d_forward,
                                max_pool2d_backward, max_pool2d_forward)
from gradcheck import numerical_grad


def naive_pool(x, pool, strides, padding, op):
    """The loop a student writes: windows clipped to the image (TF ignores the padding)."""
    n, h, w, c = x.shape
    (ph, pw), (sh, sw) = pool, strides
    if padding == "valid":
        ho, wo, pt, pl = (h - ph) // sh + 1, (w - pw) // sw + 1, 0, 0
    else:
        ho, wo = math.ceil(h / sh), math.ceil(w / sw)
        pt = max((ho - 1) * sh + ph - h, 0) // 2
        pl = max((wo - 1) * sw + pw - w, 0) // 2
    out = np.zeros((n, ho, wo, c), x.dtype)
    for i in range(ho):
        for j in range(wo):
            top, left = i * sh - pt, j * sw - pl
            win = x[:, max(top, 0):top + ph, max(left, 0):left + pw, :]
            out[:, i, j, :] = op(win, axis=(1, 2))
    return out


CASES = [
    # h, w, pool, strides, padding
    (6, 6, (2, 2), None, "valid"),
    (7, 5, (2, 2), None, "valid"),       # odd sizes: the last row/column is dropped
    (7, 5, (2, 2), None, "same"),        # ... or padded (after)
    (9, 8, (3, 3), (2, 2), "valid"),     # overlapping windows
    (9, 8, (3, 2), (2, 1), "same"),
    (5, 6, (2, 3), (1, 2), "same"),
    (4, 4, (4, 4), None, "valid"),
    (3, 3, (5, 5), (1, 1), "same"),      # window larger than the image
    (8, 7, (2, 2), (3, 3), "valid"),     # gaps between windows
    (8, 7, (2, 2), (3, 3), "same"),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("case", CASES)
def test_forward_matches_loop(case, dtype):
    h, w, pool, strides, padding = case
    x = np.random.default_rng(CASES.index(case)).standard_normal((2, h, w, 3)).astype(dtype)
    s = pool if strides is None else strides
    out, _ = max_pool2d_forward(x, pool, strides, padding)
    assert out.dtype == dtype
    np.testing.assert_array_equal(out, naive_pool(x, pool, s, padding, np.max))
    out, _ = average_pool2d_forward(x, pool, strides, padding)
    assert out.dtype == dtype
    tol = 1e-6 if dtype == np.float32 else 1e-13
    np.testing.assert_allclose(out, naive_pool(x, pool, s, padding, np.mean), rtol=tol, atol=tol)


def test_default_strides_are_pool_size():
    x = np.random.default_rng(0).standard_normal((1, 8, 8, 2))
    assert max_pool2d_forward(x, 2)[0].shape == (1, 4, 4, 2)
    assert max_pool2d_forward(x, 2, strides=1)[0].shape == (1, 7, 7, 2)
    assert average_pool2d_forward(x, (3, 2))[0].shape == (1, 2, 4, 2)
    mnist = np.zeros((64, 26, 26, 32), np.float32)
    assert max_pool2d_forward(mnist, 2)[0].shape == (64, 13, 13, 32)
    assert max_pool2d_forward(np.zeros((64, 11, 11, 64), np.float32), 2)[0].shape == (64, 5, 5, 64)


def test_same_padding_never_wins_and_average_counts_valid_cells():
    x = -np.ones((1, 3, 3, 1))
    out, _ = max_pool2d_forward(x, 2, padding="same")
    np.testing.assert_array_equal(out, -1)          # a zero from the padding would win
    out, _ = average_pool2d_forward(np.ones((1, 3, 3, 1)), 2, padding="same")
    np.testing.assert_array_equal(out, 1)           # TF divides by the cells inside


@pytest.mark.parametrize("case", CASES)
def test_gradients_central_differences(case):
    h, w, pool, strides, padding = case
    rng = np.random.default_rng(100 + CASES.index(case))
    # distinct values, well apart, so that a small step never changes a max's winner
    x = rng.permutation(2 * h * w * 2).reshape(2, h, w, 2) * 0.1
    for fwd, bwd in ((max_pool2d_forward, max_pool2d_backward),
                     (average_pool2d_forward, average_pool2d_backward)):
        out, cache = fwd(x, pool, strides, padding)
        G = rng.standard_normal(out.shape)
        dx = bwd(G, cache)

        def loss():
            return float((fwd(x, pool, strides, padding)[0] * G).sum())

        np.testing.assert_allclose(dx, numerical_grad(loss, x, eps=1e-3), rtol=1e-7, atol=1e-9)


def test_max_pool_ties_go_to_the_first_cell():
    x = np.zeros((1, 2, 4, 1))
    x[0, 1, 1, 0] = 5.0
    x[0, 0, 1, 0] = 5.0             # same max, earlier in row-major order
    x[0, :, 2:, 0] = 3.0            # a window of four equal values
    out, cache = max_pool2d_forward(x, 2)
    dx = max_pool2d_backward(np.array([[[[1.0], [2.0]]]]), cache)
    expected = np.zeros((1, 2, 4, 1))
    expected[0, 0, 1, 0] = 1.0
    expected[0, 0, 2, 0] = 2.0
    np.testing.assert_array_equal(dx, expected)


def test_overlapping_windows_accumulate():
    x = np.zeros((1, 3, 3, 1))
    x[0, 1, 1, 0] = 1.0             # the centre wins all four 2x2 windows (stride 1)
    out, cache = max_pool2d_forward(x, 2, strides=1)
    dx = max_pool2d_backward(np.ones_like(out), cache)
    assert dx[0, 1, 1, 0] == 4.0 and dx.sum() == 4.0


def test_global_pools():
    rng = np.random.default_rng(4)
    x = rng.permutation(2 * 3 * 5 * 4).reshape(2, 3, 5, 4).astype(np.float64)
    for fwd, bwd, ref in ((global_average_pool2d_forward, global_average_pool2d_backward,
                           lambda a: a.mean(axis=(1, 2))),
                          (global_max_pool2d_forward, global_max_pool2d_backward,
                           lambda a: a.max(axis=(1, 2)))):
        out, cache = fwd(x)
        assert out.shape == (2, 4)
        np.testing.assert_allclose(out, ref(x), rtol=1e-14)
        G = rng.standard_normal(out.shape)

        def loss():
            return float((fwd(x)[0] * G).sum())

        np.testing.assert_allclose(bwd(G, cache), numerical_grad(loss, x, eps=1e-3),
                                   rtol=1e-7, atol=1e-9)
    x32 = x.astype(np.float32)
    for fwd, bwd in ((global_average_pool2d_forward, global_average_pool2d_backward),
                     (global_max_pool2d_forward, global_max_pool2d_backward)):
        out, cache = fwd(x32)
        assert out.dtype == np.float32 and bwd(np.ones_like(out), cache).dtype == np.float32


def test_non_contiguous_input_and_dout():
    rng = np.random.default_rng(9)
    x = rng.standard_normal((2, 10, 9, 6))[:, ::2, :, 1::2]
    out, cache = max_pool2d_forward(x, 2, padding="same")
    np.testing.assert_array_equal(out, max_pool2d_forward(x.copy(), 2, padding="same")[0])
    g = rng.standard_normal((2, 3, 5, 6))[..., ::2]
    np.testing.assert_array_equal(max_pool2d_backward(g, cache),
                                  max_pool2d_backward(g.copy(), cache))


@pytest.mark.parametrize("call,words", [
    (lambda: max_pool2d_forward(np.zeros((4, 4, 1)), 2), ["(N, H, W, C)", "(4, 4, 1)"]),
    (lambda: average_pool2d_forward(np.zeros((1, 1, 4, 1)), 2), ["2x2", "1x4", "valid"]),
    (lambda: max_pool2d_forward(np.zeros((1, 4, 4, 1)), 2, padding="causal"), ["'causal'"]),
    (lambda: max_pool2d_forward(np.zeros((1, 4, 4, 1)), 0), ["pool_size"]),
    (lambda: global_max_pool2d_forward(np.zeros((4, 4))), ["(N, H, W, C)", "(4, 4)"]),
    (lambda: max_pool2d_backward(np.zeros((1, 2, 2, 2)),
                                 max_pool2d_forward(np.zeros((1, 4, 4, 1)), 2)[1]),
     ["(1, 2, 2, 1)", "(1, 2, 2, 2)"]),
])
def test_errors(call, words):
    with pytest.raises(ValueError) as e:
        call()
    for word in words:
        assert word in str(e.value)
