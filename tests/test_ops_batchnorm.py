"""Batch normalization: Keras 3's training/inference behaviour, moving statistics, gradients."""

import numpy as np
import pytest

from course.ops.batchnorm import batchnorm_backward, batchnorm_forward
from gradcheck import numerical_grad


def _params(rng, c):
    return (rng.standard_normal(c) + 1.5, rng.standard_normal(c),
            rng.standard_normal(c), rng.random(c) + 0.5)


def test_training_normalizes_with_batch_statistics_and_updates_moving_stats():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((6, 4, 5, 3)) * 2.5 + 4.0
    gamma, beta = np.ones(3), np.zeros(3)
    mm, mv = rng.standard_normal(3), rng.random(3) + 0.5
    mm0, mv0 = mm.copy(), mv.copy()
    out, _ = batchnorm_forward(x, gamma, beta, mm, mv, training=True, momentum=0.9,
                               epsilon=1e-3)
    flat = x.reshape(-1, 3)
    mean, var = flat.mean(axis=0), flat.var(axis=0)        # biased variance, as Keras 3
    np.testing.assert_allclose(out, (x - mean) / np.sqrt(var + 1e-3), rtol=1e-12)
    np.testing.assert_allclose(mm, mm0 * 0.9 + mean * 0.1, rtol=1e-12)
    np.testing.assert_allclose(mv, mv0 * 0.9 + var * 0.1, rtol=1e-12)
    o = out.reshape(-1, 3)
    np.testing.assert_allclose(o.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(o.var(axis=0), var / (var + 1e-3), rtol=1e-12)


def test_inference_uses_moving_stats_and_changes_nothing():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((5, 3))
    gamma, beta, mm, mv = _params(rng, 3)
    mm0, mv0 = mm.copy(), mv.copy()
    out, _ = batchnorm_forward(x, gamma, beta, mm, mv, training=False)
    np.testing.assert_allclose(out, gamma * (x - mm0) / np.sqrt(mv0 + 1e-3) + beta, rtol=1e-12)
    np.testing.assert_array_equal(mm, mm0)
    np.testing.assert_array_equal(mv, mv0)


def test_moving_stats_converge_with_keras_defaults():
    rng = np.random.default_rng(2)
    mm, mv = np.zeros(2, np.float32), np.ones(2, np.float32)
    for _ in range(800):
        x = (rng.standard_normal((64, 2)) * [3.0, 0.5] + [1.0, -2.0]).astype(np.float32)
        batchnorm_forward(x, None, None, mm, mv, training=True)
    assert mm.dtype == np.float32
    np.testing.assert_allclose(mm, [1.0, -2.0], atol=0.1)
    np.testing.assert_allclose(mv, [9.0 * 63 / 64, 0.25 * 63 / 64], rtol=0.1)


@pytest.mark.parametrize("shape,axis", [((4, 3), -1), ((2, 3, 3, 2), -1), ((3, 2, 4), 1),
                                        ((1, 3, 2, 2), 3)])
@pytest.mark.parametrize("training", [True, False])
def test_gradients_central_differences(shape, axis, training):
    rng = np.random.default_rng(len(shape) * 10 + axis % 4)
    x = rng.standard_normal(shape) * 2 + 1
    c = shape[axis]
    gamma, beta, mm, mv = _params(rng, c)

    def forward():
        return batchnorm_forward(x, gamma, beta, mm.copy(), mv.copy(), training, axis=axis)

    out, cache = forward()
    G = rng.standard_normal(out.shape)

    def loss():
        return float((forward()[0] * G).sum())

    dx, dgamma, dbeta = batchnorm_backward(G, cache)
    np.testing.assert_allclose(dx, numerical_grad(loss, x), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(dgamma, numerical_grad(loss, gamma), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(dbeta, numerical_grad(loss, beta), rtol=1e-5, atol=1e-7)


def test_without_scale_and_center():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((7, 4)).astype(np.float32)
    out, cache = batchnorm_forward(x, None, None, np.zeros(4, np.float32),
                                   np.ones(4, np.float32), True)
    assert out.dtype == np.float32
    dx, dgamma, dbeta = batchnorm_backward(np.ones_like(out), cache)
    assert dgamma is None and dbeta is None and dx.dtype == np.float32
    np.testing.assert_allclose(dx, 0, atol=1e-5)     # a constant upstream gradient vanishes


def test_errors():
    x = np.zeros((4, 3))
    with pytest.raises(ValueError, match=r"moving_mean.*\(3,\).*\(2,\)"):
        batchnorm_forward(x, None, None, np.zeros(2), np.ones(3), True)
    with pytest.raises(ValueError, match=r"gamma.*\(3,\)"):
        batchnorm_forward(x, np.ones(4), None, np.zeros(3), np.ones(3), True)
    with pytest.raises(ValueError, match="axis"):
        batchnorm_forward(x, None, None, np.zeros(3), np.ones(3), True, axis=2)
    with pytest.raises(ValueError, match="numpy array"):
        batchnorm_forward(x, None, None, [0.0, 0.0, 0.0], np.ones(3), True)
    _, cache = batchnorm_forward(x, None, None, np.zeros(3), np.ones(3), True)
    with pytest.raises(ValueError, match=r"\(4, 3\)"):
        batchnorm_backward(np.zeros((3, 3)), cache)
