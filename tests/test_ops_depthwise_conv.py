"""Depthwise convolution and Keras's ReLU layer op: forward against a direct sum, and
every gradient against central differences (float64)."""

import numpy as np
import pytest

from gradcheck import assert_close, numerical_gradient

from course.ops.conv import conv2d_forward
from course.ops.depthwise_conv import depthwise_conv2d_backward, depthwise_conv2d_forward
from course.ops.thresholded_relu import thresholded_relu_backward, thresholded_relu_forward


@pytest.mark.parametrize("strides, padding, dilation, m", [
    (1, "same", 1, 1), (2, "valid", 1, 2), (2, "same", 1, 1), (1, "valid", 2, 3)])
def test_depthwise_is_a_convolution_per_channel(strides, padding, dilation, m):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 7, 6, 3))
    W = rng.standard_normal((3, 3, 3, m))
    b = rng.standard_normal(3 * m)
    out, _ = depthwise_conv2d_forward(x, W, b, strides, padding, dilation)
    for c in range(3):
        ref, _ = conv2d_forward(x[..., c:c + 1], W[:, :, c:c + 1, :], b[c * m:(c + 1) * m],
                                strides, padding, dilation)
        np.testing.assert_allclose(out[..., c * m:(c + 1) * m], ref, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("strides, padding, dilation, m", [
    (1, "same", 1, 1), (2, "valid", 1, 2), (2, "same", 2, 1)])
def test_depthwise_gradients(strides, padding, dilation, m):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 6, 5, 2))
    W = rng.standard_normal((3, 3, 2, m))
    b = rng.standard_normal(2 * m)
    out, cache = depthwise_conv2d_forward(x, W, b, strides, padding, dilation)
    dout = rng.standard_normal(out.shape)
    dx, dW, db = depthwise_conv2d_backward(dout, cache)
    f = lambda **kw: depthwise_conv2d_forward(kw.get("x", x), kw.get("W", W), kw.get("b", b),  # noqa: E731
                                              strides, padding, dilation)[0]
    assert_close(dx, numerical_gradient(lambda v: f(x=v), x.copy(), dout), rtol=1e-6)
    assert_close(dW, numerical_gradient(lambda v: f(W=v), W.copy(), dout), rtol=1e-6)
    assert_close(db, numerical_gradient(lambda v: f(b=v), b.copy(), dout), rtol=1e-6)
    assert depthwise_conv2d_backward(dout, cache, need_dx=False)[0] is None


def test_depthwise_bad_shapes_are_named():
    with pytest.raises(ValueError, match="depthwise_conv2d_forward: expected x"):
        depthwise_conv2d_forward(np.zeros((1, 4, 4, 3)), np.zeros((3, 3, 2, 1)))


@pytest.mark.parametrize("max_value, slope, threshold", [
    (6.0, 0.0, 0.0), (None, 0.2, 0.0), (1.5, 0.1, 0.5)])
def test_relu_layer_values_and_gradient(max_value, slope, threshold):
    x = np.linspace(-3, 8, 45).reshape(5, 9) + 0.013  # no point on a kink
    out, cache = thresholded_relu_forward(x, max_value, slope, threshold)
    expected = np.where(x > threshold, x, slope * (x - threshold))
    if max_value is not None:
        expected = np.where(x > threshold, np.minimum(x, max_value), expected)
    np.testing.assert_allclose(out, expected)
    dout = np.random.default_rng(2).standard_normal(x.shape)
    numeric = numerical_gradient(lambda v: thresholded_relu_forward(v, max_value, slope, threshold)[0],
                                 x.copy(), dout)
    assert_close(thresholded_relu_backward(dout, cache), numeric, rtol=1e-6)
