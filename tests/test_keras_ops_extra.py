"""keras.ops beyond the basics (sin, cos, log1p, expm1, var, std, logsumexp, cumsum,
batched matmul, Keras's other activations) and losses written in keras.ops with every
``reduction``: gradients equal central differences in float64, and values and gradients
equal Keras 3's (tests/keras_reference/make_ops_extra.py) in float32."""

import numpy as np
import pytest

from course import keras
from course.keras import ops
from course.keras.ops import GradientTape
from course.ops.matmul import matmul_backward, matmul_forward
from gradcheck import assert_close, numerical_gradient
from keras_reference import load

REF = load("ops_extra")
RNG = np.random.default_rng(3)


def tape_grad(f, *arrays):
    xs = [ops.convert_to_tensor(a) for a in arrays]
    with GradientTape() as tape:
        tape.watch(xs)
        y = f(*xs)
    return y, tape.gradient(y, xs)


FUNCTIONS = {
    "sin_cos": lambda a: ops.sum(ops.sin(a) * ops.cos(2 * a)),
    "log1p_expm1": lambda a: ops.sum(ops.log1p(ops.abs(a)) + ops.expm1(a / 3)),
    "var_std": lambda a: ops.sum(ops.var(a, axis=1)) + ops.sum(ops.std(a, axis=0, keepdims=True)),
    "logsumexp": lambda a: ops.sum(ops.logsumexp(a, axis=-1) ** 2) + ops.logsumexp(a),
    "cumsum": lambda a: ops.sum(ops.cumsum(a, axis=1) ** 2) + ops.sum(ops.cumsum(a) * 0.1),
    "numpy_ufuncs": lambda a: (np.sin(a) + np.cos(a) + np.log1p(a * a)).sum() + np.var(a),
    "activations": lambda a: ops.sum(ops.gelu(a) + ops.silu(a) * ops.softplus(a)
                                     + ops.selu(a) + ops.mish(a) + ops.softsign(a)),
}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_tape_gradients_equal_central_differences(name):
    f = FUNCTIONS[name]
    a = RNG.normal(size=(3, 4)) * 2
    _, (ga,) = tape_grad(f, a)
    na = numerical_gradient(lambda v: float(f(v)), a.copy())
    assert_close(ga, na, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("shapes", [((2, 3, 4), (4, 5)), ((2, 3, 4), (2, 4, 5)),
                                    ((2, 3, 4), (1, 4, 5)), ((3, 1, 2, 4), (5, 4, 3)),
                                    ((4,), (2, 4, 3)), ((2, 3, 4), (4,)), ((4,), (4,))])
def test_batched_matmul_backward_equals_central_differences(shapes):
    a, b = RNG.normal(size=shapes[0]), RNG.normal(size=shapes[1])
    out, cache = matmul_forward(a, b)
    np.testing.assert_allclose(out, np.matmul(a, b))
    dout = RNG.normal(size=np.shape(out))
    da, db = matmul_backward(dout, cache)
    assert_close(da, numerical_gradient(lambda v: matmul_forward(v, b)[0], a.copy(), dout))
    assert_close(db, numerical_gradient(lambda v: matmul_forward(a, v)[0], b.copy(), dout))


def test_matmul_names_both_shapes_when_they_do_not_fit():
    with pytest.raises(ValueError, match=r"\(2, 3, 4\) and \(2, 5, 6\)"):
        ops.matmul(np.ones((2, 3, 4)), np.ones((2, 5, 6)))


def _weights(y):
    return np.arange(np.size(y), dtype="float32").reshape(np.shape(y)) / 10


@pytest.mark.parametrize("name", ["sin", "cos", "log1p", "expm1", "var", "std", "logsumexp",
                                  "cumsum"])
def test_ops_equal_keras(name):
    fn = {"sin": ops.sin, "cos": ops.cos, "log1p": lambda v: ops.log1p(ops.abs(v)),
          "expm1": ops.expm1, "var": lambda v: ops.var(v, axis=1),
          "std": lambda v: ops.std(v, axis=0), "logsumexp": lambda v: ops.logsumexp(v, axis=-1),
          "cumsum": lambda v: ops.cumsum(v, axis=1)}[name]
    y, (dx,) = tape_grad(lambda v: ops.sum(fn(v) * _weights(fn(REF["x"]))), REF["x"])
    np.testing.assert_allclose(fn(REF["x"]), REF[f"op_{name}"], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(dx, REF[f"op_{name}_dx"], rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", ["matmul_3d_2d", "matmul_3d_3d", "matmul_broadcast"])
def test_batched_matmul_equals_keras(name):
    a, b = REF[f"{name}_a"], REF[f"{name}_b"]
    y, (da, db) = tape_grad(lambda p, q: ops.sum(ops.matmul(p, q) * _weights(REF[name])), a, b)
    np.testing.assert_allclose(ops.matmul(a, b), REF[name], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(da, REF[f"{name}_da"], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(db, REF[f"{name}_db"], rtol=1e-5, atol=1e-5)


ACTIVATIONS = ["softplus", "softsign", "silu", "swish", "gelu", "selu", "mish", "exponential",
               "relu6", "hard_sigmoid"]


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_activations_equal_keras(name):
    x, dout = REF["x"], REF["dout"]
    y = keras.activations.get(name)[1](x)[0]
    np.testing.assert_allclose(y, REF[f"act_{name}"], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(getattr(keras.activations, name)(x), y)
    _, cache = keras.activations.get(name)[1](x)
    np.testing.assert_allclose(keras.activations.get(name)[2](dout, cache), REF[f"act_{name}_dx"],
                               rtol=1e-5, atol=1e-5)


def test_gelu_defaults_as_keras():
    """keras.activations.gelu is exact (erf) by default, keras.ops.gelu approximate (tanh)."""
    x, dout = REF["x"], REF["dout"]
    np.testing.assert_allclose(keras.activations.gelu(x), REF["act_gelu"], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(ops.gelu(x), REF["act_gelu_approximate"], rtol=1e-5, atol=1e-5)
    _, (dx,) = tape_grad(lambda v: ops.sum(ops.gelu(v) * dout), x)
    np.testing.assert_allclose(dx, REF["act_gelu_approximate_dx"], rtol=1e-5, atol=1e-5)


def test_a_dense_layer_trains_with_a_new_activation_by_name():
    x = RNG.normal(size=(32, 4)).astype("float32")
    y = (x.sum(axis=1, keepdims=True) > 0).astype("float32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="gelu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy")
    history = model.fit(x, y, epochs=20, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]


class SquaredError(keras.losses.Loss):
    def call(self, y_true, y_pred):
        return ops.mean(ops.square(y_true - y_pred), axis=-1)


@pytest.mark.parametrize("reduction", ["sum_over_batch_size", "sum", "mean",
                                       "mean_with_sample_weight", "none"])
def test_a_loss_in_keras_ops_reduces_as_its_reduction_says(reduction):
    """The same numbers as the built-in MeanSquaredError with that reduction, on plain
    arrays and on a tape, with and without sample weights."""
    y_true = RNG.normal(size=(5, 3)).astype("float32")
    y_pred = RNG.normal(size=(5, 3)).astype("float32")
    w = np.array([1.0, 0.0, 2.0, 0.5, 1.0], "float32")
    custom = SquaredError(reduction=reduction)
    builtin = keras.losses.MeanSquaredError(reduction=reduction)
    for sample_weight in (None, w):
        expected = builtin(y_true, y_pred, sample_weight=sample_weight)
        np.testing.assert_allclose(custom(y_true, y_pred, sample_weight=sample_weight),
                                   expected, rtol=1e-6)
        t = ops.convert_to_tensor(y_pred)
        with GradientTape() as tape:
            tape.watch(t)
            taped = custom(y_true, t, sample_weight=sample_weight)
        np.testing.assert_allclose(taped, expected, rtol=1e-6)
        loss, cache = builtin.forward(y_true, y_pred, sample_weight)
        np.testing.assert_allclose(tape.gradient(taped, t), builtin.backward(cache), rtol=1e-5,
                                   atol=1e-7)


def test_tensorflow_names_for_the_same_functions():
    import course.tf as tf
    x = tf.constant(REF["x"])
    np.testing.assert_allclose(tf.math.sin(x).numpy(), REF["op_sin"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tf.math.reduce_variance(x, axis=1).numpy(), REF["op_var"],
                               rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(tf.reduce_logsumexp(x, axis=-1).numpy(), REF["op_logsumexp"],
                               rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(tf.nn.gelu(x).numpy(), REF["act_gelu"], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(tf.math.cumsum(x, axis=1).numpy(), REF["op_cumsum"], rtol=1e-5,
                               atol=1e-5)
    v = tf.Variable(REF["x"])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.nn.softplus(v) * tf.cos(v))
    s = 1 / (1 + np.exp(-REF["x"].astype("float64")))
    sp = np.log1p(np.exp(REF["x"].astype("float64")))
    np.testing.assert_allclose(tape.gradient(y, v), s * np.cos(REF["x"]) - sp * np.sin(REF["x"]),
                               rtol=1e-4, atol=1e-5)
