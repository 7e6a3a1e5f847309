"""keras.ops on a tape: gradients equal central differences (float64) and the built-in
layers' fused backward; plain arrays in, plain arrays out."""

import numpy as np
import pytest

from course import keras
from course.keras import ops
from course.keras.ops import GradientTape, Tensor
from course.ops import conv2d_backward, conv2d_forward, dense_backward, dense_forward
from course.ops import softmax_cross_entropy_backward, softmax_cross_entropy_forward
from gradcheck import numerical_gradient

RNG = np.random.default_rng(0)


def tape_grad(f, *arrays):
    xs = [ops.convert_to_tensor(a) for a in arrays]
    with GradientTape() as tape:
        tape.watch(xs)
        y = f(*xs)
    return tape.gradient(y, xs)


FUNCTIONS = {
    "arith": lambda a, b: ops.sum((a * b - a / (ops.abs(b) + 1.0)) ** 2),
    "exp_log_sqrt": lambda a, b: ops.mean(ops.log(ops.exp(a) + ops.sqrt(ops.square(b) + 1))),
    "matmul_relu": lambda a, b: ops.sum(ops.relu(ops.matmul(a, ops.transpose(b)))),
    "softmax": lambda a, b: ops.sum(ops.log_softmax(a) * ops.softmax(b)),
    "where_max": lambda a, b: ops.sum(ops.where(a > 0, a, b) + ops.maximum(a, b)
                                      - ops.minimum(a, b) * ops.max(a, axis=1, keepdims=True)),
    "layout": lambda a, b: ops.sum(ops.concatenate([a, b], axis=0)[1:4, :2]
                                   * ops.reshape(ops.stack([a, b])[0], (3, 4))[:, :2]),
    "operators": lambda a, b: ((a @ b.T).sum() + (-a + 2 * b).mean() + np.exp(a).sum()),
    "sigmoid_tanh_clip": lambda a, b: ops.sum(ops.sigmoid(a) * ops.tanh(ops.clip(b, -0.5, 0.5))),
    "squeeze": lambda a, b: ops.sum(ops.squeeze(ops.expand_dims(a, 0)) * b),
}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_tape_gradients_equal_central_differences(name):
    f = FUNCTIONS[name]
    a, b = RNG.normal(size=(3, 4)), RNG.normal(size=(3, 4))
    ga, gb = tape_grad(f, a, b)
    na = numerical_gradient(lambda v: float(f(v, b)), a.copy())
    nb = numerical_gradient(lambda v: float(f(a, v)), b.copy())
    np.testing.assert_allclose(ga, na, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(gb, nb, rtol=1e-5, atol=1e-7)


def test_conv_gradient_equals_the_fused_backward():
    x, w = RNG.normal(size=(2, 5, 5, 3)), RNG.normal(size=(3, 3, 3, 4))
    dout = RNG.normal(size=(2, 3, 3, 4))
    gx, gw = tape_grad(lambda x, w: ops.sum(ops.nn.conv(x, w) * dout), x, w)
    _, cache = conv2d_forward(x, w)
    dx, dw, _ = conv2d_backward(dout, cache)
    np.testing.assert_allclose(gx, dx, rtol=1e-12)
    np.testing.assert_allclose(gw, dw, rtol=1e-12)
    nw = numerical_gradient(lambda v: float(np.sum(conv2d_forward(x, v)[0] * dout)),
                            w.copy())
    np.testing.assert_allclose(gw, nw, rtol=1e-5)


def test_dense_and_softmax_cross_entropy_equal_the_fused_pairs():
    x, w, b = RNG.normal(size=(6, 4)), RNG.normal(size=(4, 3)), RNG.normal(size=3)
    y = RNG.integers(0, 3, 6)
    onehot = np.eye(3)[y]

    def loss(x, w, b):
        logits = ops.matmul(x, w) + b
        return -ops.mean(ops.sum(ops.log_softmax(logits) * onehot, axis=1))
    gx, gw, gb = tape_grad(loss, x, w, b)
    logits, dcache = dense_forward(x, w, b)
    _, scache = softmax_cross_entropy_forward(y, logits)
    dx, dw, db = dense_backward(softmax_cross_entropy_backward(1.0, scache), dcache)
    for got, want in ((gx, dx), (gw, dw), (gb, db)):
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)


def test_dense_layer_under_a_tape_uses_its_fused_backward():
    layer = keras.layers.Dense(3, activation="tanh", dtype="float64")
    x = RNG.normal(size=(5, 4))
    layer.build_for(x.shape)
    with GradientTape() as tape:
        out = layer(ops.convert_to_tensor(x))
        loss = ops.sum(out * out)
    assert out._tape_node.name == layer.name
    gk, gb = tape.gradient(loss, [layer.kernel, layer.bias])
    k0 = layer.kernel.value.copy()

    def f(k):
        layer.kernel.assign(k)
        return float(np.sum(layer(x) ** 2))
    nk = numerical_gradient(f, k0.copy())
    layer.kernel.assign(k0)
    np.testing.assert_allclose(gk, nk, rtol=1e-6)


def test_plain_arrays_give_plain_arrays_and_tensors_give_tensors():
    a = np.ones((2, 2), np.float32)
    assert type(ops.add(a, a)) is np.ndarray and type(ops.relu(a)) is np.ndarray
    t = ops.convert_to_tensor(a)
    assert isinstance(ops.add(t, a), Tensor) and isinstance(t + 1, Tensor)
    assert type(ops.convert_to_numpy(t)) is np.ndarray
    assert ops.add(t, a)._tape_node is None  # nothing records without a tape
    np.testing.assert_array_equal(t.numpy(), a)
