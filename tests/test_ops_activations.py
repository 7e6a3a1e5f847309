import numpy as np
import pytest

from course.ops import activations as A
from gradcheck import assert_close, numerical_gradient

NAMES = sorted(A.ACTIVATIONS)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("seed", range(3))
def test_backward_matches_central_differences(name, seed):
    forward, backward = A.ACTIVATIONS[name]
    rng = np.random.default_rng(seed)
    shape = tuple(rng.integers(1, 5, size=rng.integers(1, 4)))
    x = rng.standard_normal(shape) * 3
    x[np.abs(x) < 1e-3] = 0.5  # keep away from the kinks of relu, leaky_relu, elu
    dout = rng.standard_normal(shape)
    out, cache = forward(x)
    assert out.shape == x.shape and out.dtype == x.dtype
    assert_close(backward(dout, cache), numerical_gradient(lambda v: forward(v)[0], x, dout),
                 rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", NAMES)
def test_float32_stays_float32(name):
    forward, backward = A.ACTIVATIONS[name]
    x = np.linspace(-3, 3, 12, dtype=np.float32).reshape(3, 4)
    out, cache = forward(x)
    assert out.dtype == np.float32
    assert backward(np.ones_like(x), cache).dtype == np.float32


def test_known_values():
    x = np.array([-2.0, 0.0, 3.0])
    assert_close(A.relu_forward(x)[0], [0, 0, 3])
    assert_close(A.leaky_relu_forward(x)[0], [-0.6, 0, 3])
    assert_close(A.elu_forward(x)[0], [np.exp(-2) - 1, 0, 3])
    assert_close(A.sigmoid_forward(x)[0], 1 / (1 + np.exp(-x)))
    assert_close(A.tanh_forward(x)[0], np.tanh(x))
    p = A.softmax_forward(x)[0]
    assert_close(p, np.exp(x) / np.exp(x).sum())
    assert_close(A.log_softmax_forward(x)[0], np.log(p))


def test_softmax_and_sigmoid_do_not_overflow():
    x = np.array([[1e4, 0.0, -1e4]], np.float32)
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        p = A.softmax_forward(x)[0]
        log_p = A.log_softmax_forward(x)[0]
        s = A.sigmoid_forward(np.array([-1e4, 1e4], np.float32))[0]
    assert_close(p, [[1, 0, 0]])
    assert np.isfinite(log_p).all() and log_p[0, 0] == 0 and log_p[0, 2] == np.float32(-2e4)
    assert_close(s, [0, 1])


def test_softmax_along_another_axis():
    x = np.random.default_rng(0).standard_normal((3, 4))
    p, cache = A.softmax_forward(x, axis=0)
    assert_close(p.sum(axis=0), np.ones(4))
    dout = np.random.default_rng(1).standard_normal((3, 4))
    assert_close(A.softmax_backward(dout, cache),
                 numerical_gradient(lambda v: A.softmax_forward(v, axis=0)[0], x, dout))
