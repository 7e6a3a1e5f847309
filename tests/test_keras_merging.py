"""The merge layers and their functions: Keras 3's outputs and input gradients
(``keras_reference/make_functional_multi.py``), central differences in float64, errors."""

import numpy as np
import pytest

from course import keras
from course.keras import layers
from course.ops import merge
from gradcheck import assert_close, numerical_gradient
from keras_reference import load

REF = load("functional_multi")
P, Q, R = REF["merge_p"], REF["merge_q"], REF["merge_r"]
U, V, W, ONE = REF["merge_u"], REF["merge_v"], REF["merge_w"], REF["merge_one"]

CASES = {
    "add": (lambda: layers.Add(), [P, Q, R]),
    "subtract": (lambda: layers.Subtract(), [P, Q]),
    "multiply": (lambda: layers.Multiply(), [P, Q, R]),
    "average": (lambda: layers.Average(), [P, Q, R]),
    "maximum": (lambda: layers.Maximum(), [P, Q, R]),
    "minimum": (lambda: layers.Minimum(), [P, Q, R]),
    "concatenate": (lambda: layers.Concatenate(axis=1), [P, Q]),
    "concatenate3d": (lambda: layers.Concatenate(axis=1), [U, W]),
    "dot": (lambda: layers.Dot(axes=1), [P, Q]),
    "dot_normalize": (lambda: layers.Dot(axes=1, normalize=True), [P, Q]),
    "dot3d": (lambda: layers.Dot(axes=1), [U, V]),
    "dot3d_pair": (lambda: layers.Dot(axes=(2, 2)), [U, W]),
    "dot3d_normalize": (lambda: layers.Dot(axes=(2, 2), normalize=True), [U, W]),
    "add_broadcast": (lambda: layers.Add(), [ONE, U]),
    "multiply_broadcast": (lambda: layers.Multiply(), [U, ONE]),
}


def upstream(shape):
    """The ``dout`` make_functional_multi.py used: cos(0), cos(1), ... in the output's shape."""
    return np.cos(np.arange(np.prod(shape))).reshape(shape)


@pytest.mark.parametrize("name", sorted(CASES))
def test_merge_output_and_input_gradients_match_keras(name):
    make, inputs = CASES[name]
    layer = make()
    out = layer(inputs)
    np.testing.assert_allclose(out, REF[f"{name}_out"], rtol=1e-5, atol=1e-6)
    keras_tensors = [keras.Input(shape=x.shape[1:]) for x in inputs]
    assert layer.compute_output_shape([t.shape for t in keras_tensors])[1:] == out.shape[1:]
    _, cache = layer.forward(inputs)
    grads, _ = layer.backward(upstream(out.shape).astype(np.float32), cache)
    for i, g in enumerate(grads):
        np.testing.assert_allclose(g, REF[f"{name}_grad{i}"], rtol=1e-5, atol=1e-5,
                                   err_msg=f"{name} input {i}")


@pytest.mark.parametrize("name", sorted(CASES))
def test_merge_backward_matches_central_differences_in_float64(name):
    make, inputs = CASES[name]
    layer = make()
    xs = [x.astype(np.float64) for x in inputs]
    out, cache = layer.forward(xs)
    assert out.dtype == np.float64
    dout = upstream(out.shape)
    grads, weights = layer.backward(dout, cache)
    assert weights == []
    for i in range(len(xs)):
        def f(x, i=i):
            return layer.forward(xs[:i] + [x] + xs[i + 1:])[0]
        assert_close(grads[i], numerical_gradient(f, xs[i], dout), rtol=1e-6, atol=1e-8,
                     what=f"{name} d/dinput{i}")


def test_the_functions_make_the_layers():
    a, b = keras.Input(shape=(4,), name="a"), keras.Input(shape=(4,), name="b")
    made = {"add": layers.Add, "subtract": layers.Subtract, "multiply": layers.Multiply,
            "average": layers.Average, "maximum": layers.Maximum, "minimum": layers.Minimum,
            "concatenate": layers.Concatenate, "dot": layers.Dot}
    for name, cls in made.items():
        kwargs = {"axes": 1} if name == "dot" else {}
        tensor = getattr(layers, name)([a, b], name=f"my_{name}", **kwargs)
        assert type(tensor.layer) is cls and tensor.layer.name == f"my_{name}"
    assert layers.concatenate([a, b], axis=1).shape == (None, 8)
    assert layers.dot([a, b], axes=1, normalize=True).shape == (None, 1)
    x = keras.Input(shape=(3, 4))
    assert layers.Dot(axes=(1, 1))([x, x]).shape == (None, 4, 4)
    assert layers.Dot(axes=-1)([x, keras.Input(shape=(2, 4))]).shape == (None, 3, 2)


def test_maximum_ties_send_the_gradient_to_the_first_input():
    x = np.array([[1.0, 2.0]])
    out, cache = merge.maximum_forward([x, x.copy()])
    g0, g1 = merge.maximum_backward(np.ones_like(out), cache)
    np.testing.assert_array_equal(g0, [[1.0, 1.0]])
    np.testing.assert_array_equal(g1, [[0.0, 0.0]])


def test_dot_normalize_of_a_zero_vector_is_zero_not_nan():
    x = np.zeros((2, 3))
    y = np.ones((2, 3))
    out = layers.Dot(axes=1, normalize=True)([x, y])
    np.testing.assert_array_equal(out, np.zeros((2, 1)))


def test_incompatible_merge_shapes_name_the_layer_and_the_shapes():
    a, b = keras.Input(shape=(4,)), keras.Input(shape=(3,))
    with pytest.raises(ValueError, match=r'Layer "sum" \(Add\) requires inputs of the same '
                                         r"shape.*Received shapes \(4,\) and \(3,\)"):
        layers.add([a, b], name="sum")
    with pytest.raises(ValueError, match=r'Layer "cat" \(Concatenate\) requires inputs with '
                                         r"matching shapes except for the concatenation axis 1\. "
                                         r"Received: input_shape=\[\(None, 2, 3\), "
                                         r"\(None, 4, 5\)\]"):
        layers.Concatenate(axis=1, name="cat")([keras.Input(shape=(2, 3)),
                                                keras.Input(shape=(4, 5))])
    with pytest.raises(ValueError, match=r'Layer "d" \(Dot\): Incompatible input shapes: axis '
                                         r"values 4 \(at axis 1\) != 3 \(at axis 1\)"):
        layers.Dot(axes=1, name="d")([a, b])
    with pytest.raises(ValueError, match=r'Layer "s" \(Subtract\) should be called on a list of '
                                         r"exactly 2 inputs. Received: 3 inputs"):
        layers.Subtract(name="s")([a, a, a])
    with pytest.raises(ValueError, match=r'Layer "m" \(Multiply\) should be called on a list of '
                                         r"inputs"):
        layers.Multiply(name="m")(a)
    with pytest.raises(ValueError, match="`axes` must be an integer or a list of 2 integers"):
        layers.Dot(axes=(1, 2, 3))
    with pytest.raises(ValueError, match=r"incompatible shapes. Received shapes \(3, 4\) and "
                                         r"\(2, 4\)"):
        layers.Add()([np.ones((2, 3, 4)), np.ones((2, 2, 4))])


def test_a_merge_trains_in_a_model():
    keras.utils.set_random_seed(0)
    a, b = keras.Input(shape=(4,)), keras.Input(shape=(4,))
    ha, hb = layers.Dense(8, activation="tanh")(a), layers.Dense(8, activation="tanh")(b)
    merged = layers.concatenate([layers.maximum([ha, hb]), layers.subtract([ha, hb]),
                                 layers.dot([ha, hb], axes=1, normalize=True)])
    model = keras.Model([a, b], layers.Dense(1, activation="sigmoid")(merged))
    rng = np.random.default_rng(0)
    xa, xb = rng.standard_normal((128, 4)), rng.standard_normal((128, 4))
    y = (xa[:, 0] > xb[:, 0]).astype(int)
    model.compile(optimizer=keras.optimizers.Adam(0.02), loss="binary_crossentropy",
                  metrics=["accuracy"])
    history = model.fit([xa, xb], y, epochs=40, verbose=0)
    assert history.history["accuracy"][-1] > 0.9
