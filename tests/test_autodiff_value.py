"""The scalar engine: every operation against central differences, deep graphs, reuse."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from course.autodiff import Value
from course.ops.gradient_check import numerical_gradient

H = 1e-6


def numeric_grads(f, *xs):
    """Central differences of ``f(*floats) -> float`` at ``xs``."""
    return list(numerical_gradient(lambda v: f(*(float(y) for y in v)), np.array(xs, float), h=H))


def check(f, *xs):
    """The gradients of ``f`` on Values equal the central differences of its ``.data``."""
    values = [Value(x) for x in xs]
    f(*values).backward()
    expected = numeric_grads(lambda *ys: f(*[Value(y) for y in ys]).data, *xs)
    for v, g in zip(values, expected):
        assert v.grad == pytest.approx(g, rel=1e-5, abs=1e-7)


OPERATIONS = {
    "add": (lambda a, b: a + b, (1.5, -2.0)),
    "sub": (lambda a, b: a - b, (1.5, -2.0)),
    "mul": (lambda a, b: a * b, (1.5, -2.0)),
    "div": (lambda a, b: a / b, (1.5, -2.0)),
    "pow": (lambda a: a ** 3, (1.5,)),
    "pow_fractional": (lambda a: a ** 0.5, (2.5,)),
    "pow_negative": (lambda a: a ** -2, (1.5,)),
    "neg": (lambda a: -a, (1.5,)),
    "radd": (lambda a: 2 + a, (1.5,)),
    "rsub": (lambda a: 2 - a, (1.5,)),
    "rmul": (lambda a: 2 * a, (1.5,)),
    "rtruediv": (lambda a: 2 / a, (1.5,)),
    "exp": (lambda a: a.exp(), (0.7,)),
    "log": (lambda a: a.log(), (0.7,)),
    "tanh": (lambda a: a.tanh(), (0.7,)),
    "relu_positive": (lambda a: a.relu(), (0.7,)),
    "relu_negative": (lambda a: a.relu(), (-0.7,)),
    "sigmoid": (lambda a: a.sigmoid(), (-0.7,)),
    "neuron": (lambda a, b: (a * b + 0.5).tanh() * (a - b).sigmoid() + (a * a).exp().log(),
               (0.3, -1.2)),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_gradient_matches_central_differences(name):
    f, xs = OPERATIONS[name]
    check(f, *xs)


@given(st.floats(-3, 3))
def test_polynomial_derivative(x):
    v = Value(x)
    (v ** 3 - 2 * v + 1).backward()
    assert v.grad == pytest.approx(3 * x * x - 2, abs=1e-9)


def test_forward_values():
    assert (Value(2.0) ** 3).data == 8.0
    assert Value(0.0).sigmoid().data == 0.5
    assert Value(-3.0).relu().data == 0.0
    assert Value(1.0).exp().data == pytest.approx(math.e)


def test_sigmoid_does_not_overflow():
    for x in (-1000.0, 1000.0):
        v = Value(x)
        s = v.sigmoid()
        s.backward()
        assert s.data == (0.0 if x < 0 else 1.0)
        assert v.grad == 0.0


def test_node_used_twice_gets_both_contributions():
    x = Value(3.0)
    y = x * x + x       # dy/dx = 2x + 1
    y.backward()
    assert x.grad == 7.0
    a = Value(2.0)
    b = a * 3
    c = b + b           # dc/da = 6, through b twice
    c.backward()
    assert a.grad == 6.0 and b.grad == 2.0


def test_chain_of_100000_nodes_needs_no_recursion():
    x = Value(1.0)
    y = x
    for _ in range(100_000):
        y = y * 1.00001   # y = x * 1.00001**n, dy/dx = 1.00001**n ~ e
    y.backward()
    assert x.grad == pytest.approx(1.00001 ** 100_000, rel=1e-9)
    y.zero_grad()
    assert x.grad == 0.0


def test_backward_twice_accumulates_and_zero_grad_resets():
    x = Value(2.0)
    h = x * x           # an intermediate node: its grad must not be re-propagated
    y = h * 3           # dy/dx = 6x = 12
    y.backward()
    assert (x.grad, h.grad) == (12.0, 3.0)
    y.backward()
    assert (x.grad, h.grad) == (24.0, 6.0)   # exactly twice, not three times
    y.zero_grad()
    assert (x.grad, h.grad, y.grad) == (0.0, 0.0, 0.0)
    y.backward()
    assert x.grad == 12.0


def test_two_losses_add_their_gradients_into_a_shared_parameter():
    w = Value(0.5)
    (w * 2).backward()
    (w * w).backward()
    assert w.grad == 2 + 2 * 0.5


def test_errors():
    with pytest.raises(ValueError, match="non-positive"):
        Value(0.0).log()
    with pytest.raises(TypeError, match="number"):
        Value(2.0) ** Value(2.0)


def test_values_are_hashable_by_identity():
    a, b = Value(1.0), Value(1.0)
    assert len({a, b}) == 2
