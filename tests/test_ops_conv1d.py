"""1-D convolution and pooling ops: against plain loops, gradients by central differences
(float64), causal padding, masks, errors."""

import math

import numpy as np
import pytest

from course.ops.conv1d import conv1d_backward, conv1d_forward
from course.ops.pooling1d import (average_pool1d_backward, average_pool1d_forward,
                                  global_average_pool1d_backward, global_average_pool1d_forward,
                                  global_max_pool1d_backward, global_max_pool1d_forward,
                                  max_pool1d_backward, max_pool1d_forward)
from gradcheck import assert_close, numerical_gradient


def naive_conv1d(x, W, b, s, padding, d):
    """The loop a student writes, with the padding of each mode spelled out."""
    n, steps, _ = x.shape
    k = W.shape[0]
    k_eff = (k - 1) * d + 1
    if padding == "valid":
        before, out_len = 0, (steps - k_eff) // s + 1
    elif padding == "same":
        out_len = math.ceil(steps / s)
        before = max((out_len - 1) * s + k_eff - steps, 0) // 2
    else:
        before, out_len = k_eff - 1, math.ceil(steps / s)
    xp = np.zeros((n, steps + before + k_eff, x.shape[2]), x.dtype)
    xp[:, before:before + steps] = x
    out = np.zeros((n, out_len, W.shape[2]), x.dtype)
    for t in range(out_len):
        for i in range(k):
            out[:, t] += xp[:, t * s + i * d] @ W[i]
    return out + (0 if b is None else b)


CONV_CASES = [  # steps, k, strides, padding, dilation
    (9, 3, 1, "valid", 1),
    (9, 3, 1, "same", 1),
    (9, 4, 1, "same", 1),
    (9, 3, 1, "causal", 1),
    (10, 3, 2, "causal", 1),
    (10, 3, 1, "causal", 3),
    (11, 2, 3, "valid", 1),
    (11, 3, 2, "same", 2),
    (5, 1, 1, "valid", 1),        # pointwise
    (4, 5, 1, "same", 1),         # kernel longer than the sequence
]


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv1d_forward_matches_loop(case):
    steps, k, s, padding, d = case
    rng = np.random.default_rng(CONV_CASES.index(case))
    x = rng.standard_normal((2, steps, 3))
    W = rng.standard_normal((k, 3, 4))
    b = rng.standard_normal(4)
    out, _ = conv1d_forward(x, W, b, s, padding, d)
    np.testing.assert_allclose(out, naive_conv1d(x, W, b, s, padding, d), rtol=1e-12, atol=1e-12)
    out32, _ = conv1d_forward(x.astype(np.float32), W.astype(np.float32), b.astype(np.float32),
                              s, padding, d)
    assert out32.dtype == np.float32


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv1d_backward_central_differences(case):
    steps, k, s, padding, d = case
    rng = np.random.default_rng(100 + CONV_CASES.index(case))
    x = rng.standard_normal((2, steps, 3))
    W = rng.standard_normal((k, 3, 4))
    b = rng.standard_normal(4)
    out, cache = conv1d_forward(x, W, b, s, padding, d)
    dout = rng.standard_normal(out.shape)
    dx, dW, db = conv1d_backward(dout, cache)
    assert_close(dx, numerical_gradient(lambda v: conv1d_forward(v, W, b, s, padding, d)[0],
                                        x, dout), what="dx")
    assert_close(dW, numerical_gradient(lambda v: conv1d_forward(x, v, b, s, padding, d)[0],
                                        W, dout), what="dW")
    assert_close(db, numerical_gradient(lambda v: conv1d_forward(x, W, v, s, padding, d)[0],
                                        b, dout), what="db")
    dx_none, dW2, _ = conv1d_backward(dout, cache, need_dx=False)
    assert dx_none is None
    np.testing.assert_allclose(dW2, dW)


def test_causal_output_never_sees_the_future():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((1, 12, 2))
    W = rng.standard_normal((3, 2, 2))
    out, _ = conv1d_forward(x, W, None, 1, "causal", 2)
    changed = x.copy()
    changed[:, 7:] += 10.0
    out2, _ = conv1d_forward(changed, W, None, 1, "causal", 2)
    np.testing.assert_array_equal(out[:, :7], out2[:, :7])
    assert not np.allclose(out[:, 7:], out2[:, 7:])


def test_conv1d_errors_name_the_function_and_shapes():
    x = np.zeros((2, 5, 3))
    with pytest.raises(ValueError, match=r"conv1d_forward: expected x of shape \(N, L, C_in\)"):
        conv1d_forward(np.zeros((2, 5)), np.zeros((3, 3, 4)))
    with pytest.raises(ValueError, match="C_in=3 channels .* kernel expects C_in=2"):
        conv1d_forward(x, np.zeros((3, 2, 4)))
    with pytest.raises(ValueError, match="padding must be 'valid', 'same' or 'causal'"):
        conv1d_forward(x, np.zeros((3, 3, 4)), padding="full")
    with pytest.raises(ValueError, match="longer than the input's 5 steps"):
        conv1d_forward(x, np.zeros((3, 3, 4)), dilation_rate=3)
    with pytest.raises(ValueError, match="strides must be a positive int"):
        conv1d_forward(x, np.zeros((3, 3, 4)), strides=0)


def naive_pool1d(x, p, s, padding, op):
    n, steps, c = x.shape
    if padding == "valid":
        out_len, before = (steps - p) // s + 1, 0
    else:
        out_len = math.ceil(steps / s)
        before = max((out_len - 1) * s + p - steps, 0) // 2
    out = np.zeros((n, out_len, c), x.dtype)
    for t in range(out_len):
        start = t * s - before
        out[:, t] = op(x[:, max(start, 0):start + p], axis=1)
    return out


POOL_CASES = [(8, 2, None, "valid"), (9, 2, None, "same"), (9, 3, 2, "valid"),
              (10, 3, 2, "same"), (7, 4, 1, "same"), (6, 2, 3, "valid"), (3, 5, 1, "same")]


@pytest.mark.parametrize("case", POOL_CASES)
def test_pool1d_forward_and_backward(case):
    steps, p, s, padding = case
    rng = np.random.default_rng(POOL_CASES.index(case))
    x = rng.standard_normal((2, steps, 3))
    for fwd, bwd, op in ((max_pool1d_forward, max_pool1d_backward, np.max),
                         (average_pool1d_forward, average_pool1d_backward, np.mean)):
        out, cache = fwd(x, p, s, padding)
        np.testing.assert_allclose(out, naive_pool1d(x, p, p if s is None else s, padding, op),
                                   rtol=1e-12)
        dout = rng.standard_normal(out.shape)
        dx = bwd(dout, cache)
        assert_close(dx, numerical_gradient(lambda v: fwd(v, p, s, padding)[0], x, dout),
                     what=f"{fwd.__name__} dx")


def test_pool1d_errors():
    with pytest.raises(ValueError, match=r"max_pool1d_forward: expected x of shape \(N, L, C\)"):
        max_pool1d_forward(np.zeros((2, 3, 4, 5)))
    with pytest.raises(ValueError, match="pool_size 4 is longer than the input's 3 steps"):
        average_pool1d_forward(np.zeros((2, 3, 1)), 4)
    with pytest.raises(ValueError, match="padding must be 'valid' or 'same'"):
        max_pool1d_forward(np.zeros((2, 3, 1)), 2, padding="causal")


def test_global_pools_and_gradients():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((3, 7, 4))
    out, cache = global_max_pool1d_forward(x)
    np.testing.assert_array_equal(out, x.max(axis=1))
    dout = rng.standard_normal(out.shape)
    assert_close(global_max_pool1d_backward(dout, cache),
                 numerical_gradient(lambda v: global_max_pool1d_forward(v)[0], x, dout))
    out, cache = global_average_pool1d_forward(x)
    np.testing.assert_allclose(out, x.mean(axis=1), rtol=1e-12)
    assert_close(global_average_pool1d_backward(dout, cache),
                 numerical_gradient(lambda v: global_average_pool1d_forward(v)[0], x, dout))


def test_global_average_with_a_mask_averages_the_real_steps_only():
    rng = np.random.default_rng(6)
    x = rng.standard_normal((3, 6, 2))
    mask = np.array([[1, 1, 1, 0, 0, 0], [0, 1, 1, 1, 1, 1], [1, 0, 1, 0, 1, 0]], dtype=bool)
    x[~mask] = np.inf        # padding steps take no part, whatever they hold
    out, cache = global_average_pool1d_forward(x, mask)
    for i in range(3):
        np.testing.assert_allclose(out[i], x[i, mask[i]].mean(axis=0), rtol=1e-12)
    x[~mask] = 0.0
    dout = rng.standard_normal(out.shape)
    dx = global_average_pool1d_backward(dout, cache)
    assert_close(dx, numerical_gradient(lambda v: global_average_pool1d_forward(v, mask)[0],
                                        x, dout))
    assert (dx[~mask] == 0).all()
    with pytest.raises(ValueError, match=r"expected a mask of shape \(3, 6\)"):
        global_average_pool1d_forward(x, mask[:, :5])
