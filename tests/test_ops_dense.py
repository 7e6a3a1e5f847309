import numpy as np
import pytest

from course.ops import dense_backward, dense_forward
from gradcheck import assert_close, numerical_gradient


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("use_bias", [True, False])
def test_dense_gradients_match_central_differences(seed, use_bias):
    rng = np.random.default_rng(seed)
    n, d, m = rng.integers(1, 6, size=3)
    x, W = rng.standard_normal((n, d)), rng.standard_normal((d, m))
    b = rng.standard_normal(m) if use_bias else None
    dout = rng.standard_normal((n, m))
    out, cache = dense_forward(x, W, b)
    dx, dW, db = dense_backward(dout, cache)
    assert_close(out, x @ W + (b if use_bias else 0), what="out")
    assert_close(dx, numerical_gradient(lambda v: dense_forward(v, W, b)[0], x, dout))
    assert_close(dW, numerical_gradient(lambda v: dense_forward(x, v, b)[0], W, dout))
    if use_bias:
        assert_close(db, numerical_gradient(lambda v: dense_forward(x, W, v)[0], b, dout))
    else:
        assert db is None


def test_dense_on_3d_inputs_maps_the_last_axis():
    rng = np.random.default_rng(0)
    x, W, b = rng.standard_normal((2, 3, 4)), rng.standard_normal((4, 5)), rng.standard_normal(5)
    dout = rng.standard_normal((2, 3, 5))
    out, cache = dense_forward(x, W, b)
    dx, dW, db = dense_backward(dout, cache)
    assert out.shape == (2, 3, 5)
    assert_close(dW, numerical_gradient(lambda v: dense_forward(x, v, b)[0], W, dout))
    assert_close(db, dout.sum(axis=(0, 1)))
    assert_close(dx, numerical_gradient(lambda v: dense_forward(v, W, b)[0], x, dout))


def test_dense_keeps_float32_and_can_skip_dx():
    x = np.ones((2, 3), np.float32)
    out, cache = dense_forward(x, np.ones((3, 4), np.float32), np.zeros(4, np.float32))
    assert out.dtype == np.float32
    dx, dW, db = dense_backward(np.ones((2, 4), np.float32), cache, need_dx=False)
    assert dx is None and dW.dtype == np.float32 and db.shape == (4,)
