"""Batch normalization folded into the Dense or Conv2D before it: the folded layer gives
what the pair gives at inference, computed with the library's own ops."""

import numpy as np
import pytest

from course.ops.batchnorm import batchnorm_forward
from course.ops.conv import conv2d_forward
from course.ops.dense import dense_forward
from course.ops.fold_batchnorm import fold_batchnorm


def _bn(rng, c):
    return (1 + 0.5 * rng.standard_normal(c), rng.standard_normal(c),
            rng.standard_normal(c), rng.uniform(0.1, 3.0, c))


@pytest.mark.parametrize("epsilon", [1e-3, 0.5])
def test_folded_dense_equals_dense_then_inference_batchnorm(epsilon):
    rng = np.random.default_rng(0)
    x, W, b = rng.standard_normal((7, 5)), rng.standard_normal((5, 3)), rng.standard_normal(3)
    gamma, beta, mean, var = _bn(rng, 3)
    z, _ = dense_forward(x, W, b)
    expected, _ = batchnorm_forward(z, gamma, beta, mean.copy(), var.copy(), training=False,
                                    epsilon=epsilon)
    W2, b2 = fold_batchnorm(W, b, gamma, beta, mean, var, epsilon=epsilon)
    np.testing.assert_allclose(dense_forward(x, W2, b2)[0], expected, rtol=1e-10, atol=1e-12)


def test_folded_conv_equals_conv_then_inference_batchnorm_in_float32():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 8, 8, 3)).astype(np.float32)
    W = rng.standard_normal((3, 3, 3, 4)).astype(np.float32)
    b = rng.standard_normal(4).astype(np.float32)
    gamma, beta, mean, var = (a.astype(np.float32) for a in _bn(rng, 4))
    z, _ = conv2d_forward(x, W, b, padding="same")
    expected, _ = batchnorm_forward(z, gamma, beta, mean.copy(), var.copy(), training=False)
    W2, b2 = fold_batchnorm(W, b, gamma, beta, mean, var)
    assert W2.dtype == b2.dtype == np.float32 and W2.shape == W.shape
    np.testing.assert_allclose(conv2d_forward(x, W2, b2, padding="same")[0], expected,
                               rtol=1e-4, atol=1e-4)


def test_a_statistic_of_the_wrong_length_is_named():
    with pytest.raises(ValueError, match=r"moving_var of shape \(3,\) expected .* got \(4,\)"):
        fold_batchnorm(np.ones((2, 3)), np.zeros(3), np.ones(3), np.zeros(3), np.zeros(3),
                       np.ones(4))
