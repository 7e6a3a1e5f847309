"""Keras's general ReLU: the plain rectifier (the defaults) through the one-pass pair, the
general formula otherwise, both checked against central differences."""

import numpy as np
import pytest

from course.ops.thresholded_relu import thresholded_relu_backward, thresholded_relu_forward
from gradcheck import assert_close, numerical_gradient


def _away_from_kinks(rng, shape, kinks):
    x = 3 * rng.standard_normal(shape)
    for k in kinks:
        x[np.abs(x - k) < 0.05] = k + 0.5
    return x


@pytest.mark.parametrize("kwargs, kinks", [
    ({}, [0.0]),
    ({"max_value": 2.0}, [0.0, 2.0]),
    ({"negative_slope": 0.1}, [0.0]),
    ({"threshold": 0.7, "negative_slope": 0.2, "max_value": 4.0}, [0.7, 4.0]),
])
def test_values_and_gradients(kwargs, kinks):
    rng = np.random.default_rng(0)
    x = _away_from_kinks(rng, (4, 5, 3), kinks)
    t, slope, cap = kwargs.get("threshold", 0.0), kwargs.get("negative_slope", 0.0), \
        kwargs.get("max_value", np.inf)
    out, cache = thresholded_relu_forward(x, **kwargs)
    expected = np.clip(np.where(x > t, x, 0), 0, cap) - slope * np.maximum(t - x, 0)
    np.testing.assert_allclose(out, expected, rtol=1e-12)
    dout = rng.standard_normal(x.shape)
    assert_close(thresholded_relu_backward(dout, cache),
                 numerical_gradient(lambda v: thresholded_relu_forward(v, **kwargs)[0], x, dout))


def test_the_plain_rectifier_keeps_float32_and_leaves_x_alone():
    x = np.array([[-1.5, 0.0, 2.5]], dtype=np.float32)
    out, cache = thresholded_relu_forward(x)
    assert out.dtype == np.float32 and out is not x
    np.testing.assert_array_equal(out, [[0, 0, 2.5]])
    np.testing.assert_array_equal(x, [[-1.5, 0.0, 2.5]])
    dx = thresholded_relu_backward(np.ones((1, 3), np.float32), cache)
    assert dx.dtype == np.float32
    np.testing.assert_array_equal(dx, [[0, 0, 1]])
