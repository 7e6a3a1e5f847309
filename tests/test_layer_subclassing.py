"""Layers written by subclassing (keras.io's guide): build/add_weight, call in ops,
add_loss, nested layers; trained through the tape, mixed with built-in layers."""

import numpy as np
import pytest

from course import keras
from course.keras import ops


class Linear(keras.layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units),
                                 initializer="glorot_uniform", trainable=True, name="kernel")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", trainable=True,
                                 name="bias")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


class ActivityRegularization(keras.layers.Layer):
    def __init__(self, rate=1e-2):
        super().__init__()
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * ops.sum(inputs))
        return inputs


class MLPBlock(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.linear_1 = Linear(32)
        self.linear_2 = Linear(1)
        self.reg = ActivityRegularization()

    def call(self, inputs, training=None):
        return self.linear_2(self.reg(ops.relu(self.linear_1(inputs))))


def data(n=64, d=6, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)).astype("float32")
    return x, (x @ rng.normal(size=(d, 1))).astype("float32")


def test_guide_layers_build_track_weights_and_losses():
    block = MLPBlock()
    out = block(np.ones((3, 64), np.float32))
    assert out.shape == (3, 1) and len(block.weights) == 4 and len(block.trainable_weights) == 4
    assert len(block.losses) == 1 and float(block.losses[0]) == pytest.approx(
        0.01 * float(ops.sum(ops.relu(block.linear_1(np.ones((3, 64), np.float32))))), rel=1e-5)


def test_custom_dense_trains_to_the_same_weights_as_dense():
    x, y = data()
    dense = keras.Sequential([keras.Input((6,)), keras.layers.Dense(1)])
    custom = keras.Sequential([keras.Input((6,)), Linear(1)])
    custom.set_weights(dense.get_weights())
    for model in (dense, custom):
        model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
        model.fit(x, y, epochs=3, batch_size=16, shuffle=False, verbose=0)
    for a, b in zip(dense.get_weights(), custom.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_mixed_model_with_add_loss_trains():
    x, y = data()
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(8, activation="relu"),
                              MLPBlock()])
    model.compile(optimizer="adam", loss="mse")
    history = model.fit(x, y, epochs=5, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]


def test_a_raw_numpy_op_in_call_is_a_clear_error_when_training():
    class NumpyLayer(Linear):
        def call(self, inputs):
            return np.sin(np.asarray(inputs) @ self.w.value)
    x, y = data()
    model = keras.Sequential([keras.Input((6,)), NumpyLayer(1)])
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(ValueError, match="no gradient reached its trainable weights"):
        model.fit(x, y, epochs=1, verbose=0)
