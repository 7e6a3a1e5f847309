"""conv2d_relu: relu(conv2d(x)) in one pass, and the blocked im2col of course.ops.conv."""

import numpy as np
import pytest

from course import keras
from course.ops import conv
from course.ops.activations import relu_backward, relu_forward
from course.ops.conv import (conv2d_backward, conv2d_forward, conv2d_relu_backward,
                             conv2d_relu_forward)
from gradcheck import numerical_grad

CASES = [
    # n, h, w, c, kh, kw, f, strides, padding, dilation, bias
    (3, 9, 8, 1, 3, 3, 4, 1, "valid", 1, True),        # few channels: transposed im2col
    (2, 7, 8, 3, 3, 2, 5, (2, 2), "same", 1, False),
    (3, 8, 7, 6, 3, 3, 7, 1, "valid", (2, 1), True),   # row im2col
    (2, 5, 5, 6, 1, 1, 4, 1, "valid", 1, True),        # pointwise
    (5, 6, 5, 8, 2, 3, 3, (2, 1), "same", (1, 2), True),
]


def _arrays(case, dtype, seed):
    n, h, w, c, kh, kw, f, *_ = case
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, h, w, c)).astype(dtype)
    W = rng.standard_normal((kh, kw, c, f)).astype(dtype)
    b = rng.standard_normal(f).astype(dtype) if case[-1] else None
    return rng, x, W, b


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("case", CASES)
def test_equals_conv_then_relu(case, dtype):
    rng, x, W, b = _arrays(case, dtype, CASES.index(case))
    args = (x, W, b) + tuple(case[7:10])
    out, cache = conv2d_relu_forward(*args)
    z, zcache = conv2d_forward(*args)
    ref, rcache = relu_forward(z)
    tol = dict(rtol=1e-5, atol=1e-5) if dtype == np.float32 else dict(rtol=1e-12, atol=1e-12)
    assert out.dtype == dtype
    np.testing.assert_allclose(out, ref, **tol)
    dout = rng.standard_normal(out.shape).astype(dtype)
    got = conv2d_relu_backward(dout, cache)
    want = conv2d_backward(relu_backward(dout, rcache), zcache)
    for g, w in zip(got, want):
        if w is None:
            assert g is None
        else:
            assert g.dtype == dtype
            np.testing.assert_allclose(g, w, **tol)
    dx, dW, _ = conv2d_relu_backward(dout, cache, need_dx=False)
    assert dx is None
    np.testing.assert_allclose(dW, got[1], **tol)


@pytest.mark.parametrize("case", CASES)
def test_gradients_central_differences(case):
    rng, x, W, b = _arrays(case, np.float64, 5)
    args = tuple(case[7:10])
    out, cache = conv2d_relu_forward(x, W, b, *args)
    G = rng.standard_normal(out.shape)

    def loss():
        return float((conv2d_relu_forward(x, W, b, *args)[0] * G).sum())

    grads = conv2d_relu_backward(G, cache)
    for got, wrt in zip(grads, (x, W, b)):
        if wrt is None:
            assert got is None
        else:
            np.testing.assert_allclose(got, numerical_grad(loss, wrt), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("images", [1, 2])
@pytest.mark.parametrize("case", CASES)
def test_blocks_of_images_give_the_same_numbers(case, images, monkeypatch):
    """One image per block, or two (with a shorter last block), as one block of all."""
    rng, x, W, b = _arrays(case, np.float64, 9)
    args = (x, W, b) + tuple(case[7:10])
    n, _, _, c, kh, kw, f, *_ = case
    for forward, backward in ((conv2d_forward, conv2d_backward),
                              (conv2d_relu_forward, conv2d_relu_backward)):
        whole, cache = forward(*args)
        dout = rng.standard_normal(whole.shape)
        grads = backward(dout, cache)
        per_image = (kh * kw * c + 1 + f) * whole.shape[1] * whole.shape[2] * 8
        with monkeypatch.context() as m:
            m.setattr(conv, "BLOCK_BYTES", images * per_image)
            blocked, bcache = forward(*args)
            bgrads = backward(dout, bcache)
        assert bcache[5] == (n if kh * kw == 1 else images)  # the images per block
        np.testing.assert_allclose(blocked, whole, rtol=1e-12, atol=1e-12)
        for g, w in zip(bgrads, grads):
            if w is not None:
                np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12)


def test_relu_backward_rejects_a_plain_conv_cache():
    x, W = np.ones((1, 4, 4, 1)), np.ones((3, 3, 1, 2))
    out, cache = conv2d_forward(x, W)
    with pytest.raises(ValueError, match="conv2d_relu_forward"):
        conv2d_relu_backward(np.ones_like(out), cache)


def test_nan_passes_through_the_fused_relu():
    x = np.ones((1, 3, 3, 1), np.float32)
    x[0, 1, 1, 0] = np.nan
    out, _ = conv2d_relu_forward(x, -np.ones((3, 3, 1, 1), np.float32))
    assert np.isnan(out[0, 0, 0, 0])


def test_conv2d_layer_with_relu_equals_conv2d_then_relu_layer():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((4, 9, 9, 3)).astype(np.float32)
    fused = keras.layers.Conv2D(5, 3, activation="relu")
    plain = keras.layers.Conv2D(5, 3)
    fused.build((None, 9, 9, 3))
    plain.build((None, 9, 9, 3))
    plain.set_weights(fused.get_weights())
    act = keras.layers.ReLU()
    out, cache = fused.forward(x, True)
    z, zcache = plain.forward(x, True)
    ref, acache = act.forward(z, True)
    np.testing.assert_allclose(out, ref, rtol=1e-5, atol=1e-5)
    dout = rng.standard_normal(out.shape).astype(np.float32)
    dx, grads = fused.backward(dout, cache)
    rdx, rgrads = plain.backward(act.backward(dout, acache)[0], zcache)
    for g, w in zip([dx] + grads, [rdx] + rgrads):
        np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-5)
