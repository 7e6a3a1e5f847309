"""A Sequential model runs Conv2D + MaxPooling2D((2, 2)) as one op: the same
outputs, gradients and training as the two layers one after the other."""

import numpy as np
import pytest

from course import keras
from course.keras import layers
from course.keras.models import layer_fusion


def convnet(first=None, pool=None, seed=0, channels=1):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input((14, 14, channels)),
        first or layers.Conv2D(6, 3, activation="relu"),
        pool or layers.MaxPooling2D((2, 2)),
        layers.Conv2D(8, 3, activation="relu"), layers.Flatten(),
        layers.Dense(5, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def _data(n=40, channels=1, seed=1):
    rng = np.random.default_rng(seed)
    return rng.random((n, 14, 14, channels), np.float32), rng.integers(0, 5, n)


def _layer_by_layer(model, x):
    for layer in model.layers:
        x, _ = layer.forward(x, False)
    return x


def test_the_first_block_runs_fused_and_gives_the_layers_outputs():
    x, _ = _data()
    model = convnet()
    out, caches = model.forward(x, training=True)
    assert isinstance(caches[0], layer_fusion.Fused)
    assert caches[1] is layer_fusion.FUSED_ABOVE
    np.testing.assert_allclose(out, _layer_by_layer(model, x), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(model.predict(x, verbose=0), _layer_by_layer(model, x),
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("need_dx", [True, False])
def test_gradients_are_those_of_the_layers_one_by_one(monkeypatch, need_dx):
    x, _ = _data()
    model = convnet(first=layers.Conv2D(6, 3, activation="relu", padding="same"))
    out, caches = model.forward(x, training=True)
    dout = np.random.default_rng(2).standard_normal(out.shape).astype(np.float32)
    dx, grads = model.backward(dout, caches, need_dx=need_dx)
    monkeypatch.setattr(layer_fusion, "fuses", lambda *args: False)
    out2, caches2 = model.forward(x, training=True)
    assert not any(isinstance(c, layer_fusion.Fused) for c in caches2)
    want_dx, want = model.backward(dout, caches2, need_dx=need_dx)
    assert len(grads) == len(want) == len(model.weights)
    for g, w in zip(grads, want):
        np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-6)
    if need_dx:
        np.testing.assert_allclose(dx, want_dx, rtol=1e-4, atol=1e-6)
    else:
        assert dx is None and want_dx is None


def test_fit_fused_learns_what_the_layers_one_by_one_learn(monkeypatch):
    x, y = _data(64)
    fused = convnet()
    history = fused.fit(x, y, batch_size=16, epochs=2, shuffle=False, verbose=0)
    monkeypatch.setattr(layer_fusion, "fuses", lambda *args: False)
    plain = convnet()
    want = plain.fit(x, y, batch_size=16, epochs=2, shuffle=False, verbose=0)
    np.testing.assert_allclose(history.history["loss"], want.history["loss"], rtol=1e-4)
    for a, b in zip(fused.get_weights(), plain.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-3, atol=1e-5)
    assert [type(layer).__name__ for layer in fused.layers] == [
        "Conv2D", "MaxPooling2D", "Conv2D", "Flatten", "Dense"]  # still two layers


def test_a_frozen_first_block_stays_as_it_was():
    x, y = _data()
    model = convnet()
    model.layers[0].trainable = False
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    before = [w.copy() for w in model.layers[0].get_weights()]
    model.fit(x, y, epochs=1, verbose=0)
    for a, b in zip(model.layers[0].get_weights(), before):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("first, pool, channels", [
    (layers.Conv2D(6, 3, activation="tanh"), None, 1),
    (None, layers.MaxPooling2D((3, 3)), 1),
    (None, layers.MaxPooling2D((2, 2), strides=1), 1),
    (None, layers.MaxPooling2D((2, 2), padding="same"), 1),
    (None, layers.AveragePooling2D((2, 2)), 1),
], ids=["tanh", "pool3", "stride1", "same", "average"])
def test_other_pairs_run_layer_by_layer(first, pool, channels):
    x, _ = _data(channels=channels)
    model = convnet(first, pool, channels=channels)
    out, caches = model.forward(x, training=True)
    assert not any(isinstance(c, layer_fusion.Fused) for c in caches)
    np.testing.assert_allclose(out, _layer_by_layer(model, x), rtol=1e-5, atol=1e-6)


def test_a_subclass_of_conv2d_keeps_its_own_forward():
    class Doubled(layers.Conv2D):
        def forward(self, x, training=False, logits=False):
            out, cache = super().forward(x, training, logits)
            return 2 * out, cache

    x, _ = _data()
    model = convnet(first=Doubled(6, 3, activation="relu"))
    out, caches = model.forward(x)
    assert not isinstance(caches[0], layer_fusion.Fused)
    np.testing.assert_allclose(out, _layer_by_layer(model, x), rtol=1e-5, atol=1e-6)


def test_a_block_on_many_channels_fuses_too(monkeypatch):
    x, _ = _data(24)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((14, 14, 1)), layers.Conv2D(6, 3, activation="relu"), layers.MaxPooling2D(),
        layers.Conv2D(8, 3, activation="relu", padding="same"), layers.MaxPooling2D(),
        layers.Flatten(), layers.Dense(5)])
    out, caches = model.forward(x, training=True)
    assert [type(c).__name__ for c in caches[:4]] == ["Fused", "str", "Fused", "str"]
    dout = np.random.default_rng(2).standard_normal(out.shape).astype(np.float32)
    _, grads = model.backward(dout, caches, need_dx=False)
    monkeypatch.setattr(layer_fusion, "fuses", lambda *args: False)
    want_out, want_caches = model.forward(x, training=True)
    np.testing.assert_allclose(out, want_out, rtol=1e-5, atol=1e-6)
    for g, w in zip(grads, model.backward(dout, want_caches, need_dx=False)[1]):
        np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-6)
