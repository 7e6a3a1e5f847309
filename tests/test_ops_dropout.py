"""Inverted dropout: scaling, determinism, identity at inference, gradient."""

import numpy as np
import pytest

from course.ops.dropout import dropout_backward, dropout_forward


@pytest.mark.parametrize("rate", [0.1, 0.5, 0.8])
def test_keeps_1_minus_rate_and_preserves_the_mean(rate):
    x = np.ones((400, 500), dtype=np.float32)
    out, mask = dropout_forward(x, rate, seed=0)
    assert out.dtype == np.float32 and out.shape == x.shape
    kept = out != 0
    assert abs(kept.mean() - (1 - rate)) < 0.01
    np.testing.assert_allclose(out[kept], 1 / (1 - rate), rtol=1e-6)
    assert abs(out.mean() - 1.0) < 0.02


def test_same_seed_same_mask_and_generator_advances():
    x = np.random.default_rng(1).standard_normal((8, 9))
    a, _ = dropout_forward(x, 0.5, seed=42)
    b, _ = dropout_forward(x, 0.5, seed=42)
    c, _ = dropout_forward(x, 0.5, seed=43)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    g1, g2 = np.random.default_rng(5), np.random.default_rng(5)
    first, _ = dropout_forward(x, 0.5, seed=g1)
    np.testing.assert_array_equal(first, dropout_forward(x, 0.5, seed=g2)[0])
    second, _ = dropout_forward(x, 0.5, seed=g1)
    assert not np.array_equal(first, second)


def test_identity_at_inference_and_rate_zero():
    x = np.random.default_rng(2).standard_normal((3, 4)).astype(np.float32)
    for kwargs in ({"training": False}, {"rate": 0.0}):
        args = {"rate": 0.5, "seed": 0, **kwargs}
        out, cache = dropout_forward(x, **args)
        np.testing.assert_array_equal(out, x)
        dout = np.ones_like(x)
        np.testing.assert_array_equal(dropout_backward(dout, cache), dout)


def test_backward_is_the_same_mask():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((5, 6))
    out, cache = dropout_forward(x, 0.3, seed=1)
    G = rng.standard_normal(x.shape)
    dx = dropout_backward(G, cache)
    # out is linear in x with the mask fixed: d(sum(out * G))/dx = mask * G
    np.testing.assert_allclose(dx, np.where(out != 0, G / 0.7, 0.0), rtol=1e-12)
    np.testing.assert_allclose(out, x * cache)


def test_noise_shape_drops_whole_channels():
    x = np.ones((4, 3, 3, 8))
    out, _ = dropout_forward(x, 0.5, seed=0, noise_shape=(None, 1, 1, None))
    per_channel = out.reshape(4, 9, 8)
    assert (per_channel == per_channel[:, :1, :]).all()
    with pytest.raises(ValueError, match="noise_shape"):
        dropout_forward(x, 0.5, noise_shape=(4, 2, 1, 8))


@pytest.mark.parametrize("rate", [-0.1, 1.0, 1.5])
def test_rate_out_of_range(rate):
    with pytest.raises(ValueError, match=r"\[0, 1\)"):
        dropout_forward(np.ones(3), rate)
