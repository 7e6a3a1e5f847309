"""The array engine: every operation against central differences (float64), broadcasting."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.autodiff import Tensor
from course.ops import softmax_cross_entropy_forward
from gradcheck import numerical_gradient


def check(f, *arrays, seed=0):
    """Each input's ``.grad`` after ``f(...).backward(upstream)`` equals central differences."""
    arrays = [np.array(a, dtype=np.float64) for a in arrays]
    tensors = [Tensor(a) for a in arrays]
    out = f(*tensors)
    assert out.dtype == np.float64
    upstream = np.random.default_rng(seed).normal(size=out.shape)
    out.backward(upstream)
    for i, t in enumerate(tensors):
        def f_i(x, i=i):
            return f(*[Tensor(x if j == i else a) for j, a in enumerate(arrays)]).data
        assert t.grad.shape == t.shape
        np.testing.assert_allclose(t.grad, numerical_gradient(f_i, arrays[i], upstream),
                                   rtol=1e-6, atol=1e-8)


rng = np.random.default_rng(42)


def randn(*shape):
    return rng.normal(size=shape)


def positive(*shape):
    return rng.uniform(0.5, 2.0, size=shape)


def away_from_zero(*shape):
    return rng.choice([-1, 1], size=shape) * rng.uniform(0.2, 2.0, size=shape)


LABELS = np.array([0, 2, 1, 2, 3])
TARGETS = np.eye(4)[[1, 1, 0, 3, 2]]

CASES = {
    "add (3,1)+(1,4)": (lambda a, b: a + b, randn(3, 1), randn(1, 4)),
    "add (N,D)+(D,)": (lambda a, b: a + b, randn(5, 4), randn(4)),
    "add scalar": (lambda a: a + 2.0, randn(2, 3)),
    "radd scalar": (lambda a: 2.0 + a, randn(2, 3)),
    "sub (3,1)-(1,4)": (lambda a, b: a - b, randn(3, 1), randn(1, 4)),
    "sub (D,)-(N,D)": (lambda a, b: a - b, randn(4), randn(5, 4)),
    "rsub": (lambda a: 1.0 - a, randn(3)),
    "mul (2,3,4)*(3,1)": (lambda a, b: a * b, randn(2, 3, 4), randn(3, 1)),
    "mul (N,D)*(D,)": (lambda a, b: a * b, randn(5, 4), randn(4)),
    "rmul": (lambda a: 3.0 * a, randn(3)),
    "div (3,4)/(1,4)": (lambda a, b: a / b, randn(3, 4), away_from_zero(1, 4)),
    "div (N,)/(N,D)": (lambda a, b: a / b, randn(4), away_from_zero(5, 4)),
    "rtruediv": (lambda a: 1.0 / a, away_from_zero(3)),
    "neg": (lambda a: -a, randn(2, 3)),
    "pow 3": (lambda a: a ** 3, randn(2, 3)),
    "pow 0.5": (lambda a: a ** 0.5, positive(2, 3)),
    "pow -1": (lambda a: a ** -1, away_from_zero(2, 3)),
    "x used twice": (lambda a: a * a + a, randn(2, 3)),
    "matmul (N,D)@(D,M)": (lambda a, b: a @ b, randn(5, 4), randn(4, 3)),
    "matmul (B,N,D)@(D,M)": (lambda a, b: a @ b, randn(2, 5, 4), randn(4, 3)),
    "matmul (D,)@(D,M)": (lambda a, b: a @ b, randn(4), randn(4, 3)),
    "sum": (lambda a: a.sum(), randn(3, 4)),
    "sum axis 0": (lambda a: a.sum(axis=0), randn(3, 4)),
    "sum axis -1 keepdims": (lambda a: a.sum(axis=-1, keepdims=True), randn(3, 4)),
    "sum axes (0, 2)": (lambda a: a.sum(axis=(0, 2)), randn(2, 3, 4)),
    "mean": (lambda a: a.mean(), randn(3, 4)),
    "mean axis 1": (lambda a: a.mean(axis=1), randn(3, 4)),
    "mean axes (0, -1) keepdims": (lambda a: a.mean(axis=(0, -1), keepdims=True), randn(2, 3, 4)),
    "max": (lambda a: a.max(), randn(3, 4)),
    "max axis 1": (lambda a: a.max(axis=1), randn(3, 4)),
    "max axis 0 keepdims": (lambda a: a.max(axis=0, keepdims=True), randn(3, 4)),
    "reshape": (lambda a: a.reshape(4, 3), randn(3, 4)),
    "reshape -1": (lambda a: a.reshape(-1), randn(2, 3, 2)),
    "transpose": (lambda a: a.transpose(), randn(2, 3, 4)),
    "transpose axes": (lambda a: a.transpose(1, 2, 0), randn(2, 3, 4)),
    "T": (lambda a: a.T, randn(3, 4)),
    "getitem slice": (lambda a: a[1:, ::2], randn(3, 4)),
    "getitem repeated indices": (lambda a: a[np.array([0, 2, 0])], randn(3, 4)),
    "exp": (lambda a: a.exp(), randn(3, 4)),
    "log": (lambda a: a.log(), positive(3, 4)),
    "relu": (lambda a: a.relu(), away_from_zero(3, 4)),
    "sigmoid": (lambda a: a.sigmoid(), randn(3, 4)),
    "tanh": (lambda a: a.tanh(), randn(3, 4)),
    "softmax": (lambda a: a.softmax(), randn(3, 4)),
    "softmax axis 0": (lambda a: a.softmax(axis=0), randn(3, 4)),
    "log_softmax": (lambda a: a.log_softmax(), randn(3, 4)),
    "log_softmax axis 0": (lambda a: a.log_softmax(axis=0), randn(3, 4)),
    "softmax_cross_entropy sparse": (lambda a: a.softmax_cross_entropy(LABELS), randn(5, 4)),
    "softmax_cross_entropy one-hot": (lambda a: a.softmax_cross_entropy(TARGETS), randn(5, 4)),
    "mlp": (lambda x, W, b: ((x @ W + b).tanh() @ W.T).sigmoid().mean(axis=0),
            randn(5, 4), randn(4, 4), randn(4)),
}


@pytest.mark.parametrize("name", CASES)
def test_gradient_matches_central_differences(name):
    f, *arrays = CASES[name]
    check(f, *arrays)


@st.composite
def broadcast_pair(draw):
    """Two shapes that broadcast: from one full shape, each sets some axes to 1, and the
    second may also drop leading axes (so both can be stretched, as (3, 1) with (1, 4))."""
    full = draw(st.lists(st.integers(2, 3), min_size=1, max_size=3))
    ones = st.lists(st.booleans(), min_size=len(full), max_size=len(full))
    a = tuple(1 if one else n for n, one in zip(full, draw(ones)))
    b = tuple(1 if one else n for n, one in zip(full, draw(ones)))
    return a, b[draw(st.integers(0, len(full) - 1)):]


@settings(max_examples=30, deadline=None)
@given(broadcast_pair(), st.booleans(), st.sampled_from(["add", "sub", "mul", "div"]))
def test_broadcasting_gradients(shapes, swap, op):
    a_shape, b_shape = shapes[::-1] if swap else shapes
    f = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b,
         "mul": lambda a, b: a * b, "div": lambda a, b: a / b}[op]
    check(f, randn(*a_shape), away_from_zero(*b_shape))


def test_max_ties_share_the_gradient():
    x = Tensor(np.array([[1.0, 3.0, 3.0], [2.0, 0.0, 1.0]]))
    x.max(axis=1).backward(np.array([1.0, 1.0]))
    np.testing.assert_array_equal(x.grad, [[0, 0.5, 0.5], [1, 0, 0]])


def test_softmax_cross_entropy_is_the_ops_loss():
    logits = randn(5, 4).astype(np.float32)
    loss = Tensor(logits).softmax_cross_entropy(LABELS)
    expected, _ = softmax_cross_entropy_forward(y_true=LABELS, logits=logits)
    assert loss.dtype == np.float32
    assert loss.data == expected


def test_dtypes():
    assert Tensor([1.0, 2.0]).dtype == np.float32
    assert Tensor(3).dtype == np.float32
    assert Tensor(np.arange(3)).dtype == np.float32
    assert Tensor(np.ones(3)).dtype == np.float64
    assert Tensor(np.ones(3, np.float32)).dtype == np.float32
    x = Tensor(np.ones(3, np.float32))
    assert (x * 2.5).dtype == np.float32 and (2.5 - x).dtype == np.float32
    y = (x * x).sum()
    y.backward()
    assert x.grad.dtype == np.float32


def test_numpy_array_on_the_left_defers_to_the_tensor():
    x = Tensor(np.ones(3))
    y = np.full(3, 2.0) * x
    assert isinstance(y, Tensor)
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, [2, 2, 2])


def test_chain_of_100000_nodes_needs_no_recursion():
    x = Tensor(np.array(1.0))
    y = x
    for _ in range(100_000):
        y = y + 1.0
    y.backward()
    assert x.grad == 1.0 and y.data == 100_001.0


def test_backward_twice_accumulates_and_zero_grad_resets():
    x = Tensor(np.array([1.0, 2.0]))
    h = x * x
    y = (h * 3).sum()     # dy/dx = 6x
    y.backward()
    np.testing.assert_array_equal(x.grad, [6, 12])
    y.backward()
    np.testing.assert_array_equal(x.grad, [12, 24])
    np.testing.assert_array_equal(h.grad, [6, 6])
    y.zero_grad()
    assert x.grad is None and h.grad is None
    y.backward()
    np.testing.assert_array_equal(x.grad, [6, 12])


def test_backward_of_a_non_scalar_needs_its_gradient():
    x = Tensor(np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"shape \(2, 2\)"):
        (x * 2).backward()


def test_errors_name_the_shapes():
    with pytest.raises(ValueError, match=r"\(3, 4\) and \(5, 2\)"):
        Tensor(np.ones((3, 4))) @ Tensor(np.ones((5, 2)))
    with pytest.raises(TypeError, match="number"):
        Tensor(np.ones(2)) ** Tensor(np.ones(2))


def test_tensor_trains_a_logistic_regression():
    rng_ = np.random.default_rng(0)
    x = rng_.normal(size=(200, 2))
    labels = (x[:, 0] + x[:, 1] > 0).astype(int)
    W, b = Tensor(np.zeros((2, 2))), Tensor(np.zeros(2))
    for _ in range(100):
        loss = (Tensor(x) @ W + b).softmax_cross_entropy(labels)
        loss.zero_grad()
        loss.backward()
        W.data -= 0.5 * W.grad
        b.data -= 0.5 * b.grad
    accuracy = ((x @ W.data + b.data).argmax(axis=1) == labels).mean()
    assert loss.data < 0.2 and accuracy > 0.97
