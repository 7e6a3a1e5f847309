"""The fused bias + ReLU kernel: the same numbers as the two numpy steps, dtypes kept,
gradients against central differences, clear errors."""

import numpy as np
import pytest

from course.ops.bias_relu import bias_relu_backward, bias_relu_forward
from gradcheck import assert_close, numerical_gradient


@pytest.mark.parametrize("shape", [(5, 3), (2, 4, 4, 6), (1, 1), (7,)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_forward_is_max_of_x_plus_b_and_zero_in_the_input_dtype(shape, dtype):
    rng = np.random.default_rng(0)
    x = rng.standard_normal(shape).astype(dtype)
    b = rng.standard_normal(shape[-1]).astype(dtype)
    x0 = x.copy()
    out, cache = bias_relu_forward(x, b)
    assert out.dtype == dtype and out.shape == shape
    np.testing.assert_array_equal(out, np.maximum(x0 + b, 0))
    np.testing.assert_array_equal(x, x0)
    assert cache is out


def test_a_transposed_view_gives_the_same_numbers():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((4, 6)).T
    b = rng.standard_normal(4)
    np.testing.assert_array_equal(bias_relu_forward(x, b)[0], np.maximum(x + b, 0))


def test_backward_matches_central_differences():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((3, 4, 5))
    x[np.abs(x) < 0.05] = 0.5          # no kink within the difference step
    b = 0.1 * rng.standard_normal(5)
    dout = rng.standard_normal((3, 4, 5))
    out, cache = bias_relu_forward(x, b)
    dx, db = bias_relu_backward(dout, cache)
    assert_close(dx, numerical_gradient(lambda v: bias_relu_forward(v, b)[0], x, dout))
    assert_close(db, numerical_gradient(lambda v: bias_relu_forward(x, v)[0], b, dout))


def test_bad_shapes_are_named():
    with pytest.raises(ValueError, match=r"b of shape \(C,\) with C = x.shape\[-1\]"):
        bias_relu_forward(np.zeros((2, 3)), np.zeros(2))
    out, cache = bias_relu_forward(np.zeros((2, 3)), np.zeros(3))
    with pytest.raises(ValueError, match=r"dout of shape \(2, 3\) expected, got \(3, 2\)"):
        bias_relu_backward(np.zeros((3, 2)), cache)
