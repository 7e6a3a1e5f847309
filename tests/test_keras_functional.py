import numpy as np
import pytest

from course import keras
from course.keras import layers
from keras_data import blobs


def branched_model():
    keras.utils.set_random_seed(0)
    inputs = keras.Input(shape=(6,))
    h = layers.Dense(5, activation="relu", name="trunk")(inputs)
    a = layers.Dense(3, activation="tanh", name="left")(h)
    b = layers.Dense(3, name="right")(h)
    merged = layers.Concatenate(name="join")([a, b])
    added = layers.Add(name="sum")([a, b])
    both = layers.Concatenate()([merged, added])
    outputs = layers.Dense(2, activation="softmax", name="head")(both)
    return keras.Model(inputs, outputs)


def test_functional_branch_trained_one_step_equals_the_model_by_hand():
    x, y = blobs(n=16, d=6, k=2)
    model = branched_model()
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy")
    W = {l.name: [w.astype(np.float64) for w in l.get_weights()] for l in model.layers
         if l.weights}
    model.train_on_batch(x, y)

    # the same network and its gradients, written out in numpy (float64)
    x64 = x.astype(np.float64)
    z0 = x64 @ W["trunk"][0] + W["trunk"][1]
    h = np.maximum(z0, 0)
    a = np.tanh(h @ W["left"][0] + W["left"][1])
    b = h @ W["right"][0] + W["right"][1]
    both = np.concatenate([a, b, a + b], axis=1)
    z = both @ W["head"][0] + W["head"][1]
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    dz = p.copy()
    dz[np.arange(16), y] -= 1
    dz /= 16
    grads = {"head": [both.T @ dz, dz.sum(0)]}
    dboth = dz @ W["head"][0].T
    da = dboth[:, :3] + dboth[:, 6:]
    db = dboth[:, 3:6] + dboth[:, 6:]
    dza = da * (1 - a ** 2)
    grads["left"] = [h.T @ dza, dza.sum(0)]
    grads["right"] = [h.T @ db, db.sum(0)]
    dh = dza @ W["left"][0].T + db @ W["right"][0].T
    dz0 = dh * (z0 > 0)
    grads["trunk"] = [x64.T @ dz0, dz0.sum(0)]
    for layer in model.layers:
        for got, w0, g in zip(layer.get_weights(), W.get(layer.name, []), grads.get(layer.name, [])):
            np.testing.assert_allclose(got, w0 - 0.1 * g, rtol=1e-4, atol=1e-6)


def test_functional_summary_shows_connections_and_counts():
    lines = []
    model = branched_model()
    model.summary(print_fn=lines.append)
    text = "\n".join(lines)
    assert "Connected to" in text and "left[0][0], right[0][0]" in text
    assert f"Total params: {model.count_params():,}" in text
    assert model.output_shape == (None, 2)


def test_shared_layer_accumulates_gradients_and_sequential_is_usable_as_a_layer():
    keras.utils.set_random_seed(0)
    shared = layers.Dense(4, activation="relu")
    i1, i2 = keras.Input(shape=(3,)), keras.Input(shape=(3,))
    block = keras.Sequential([layers.Dense(4, activation="relu", input_shape=(8,)), layers.Dense(2)])
    out = layers.Activation("softmax")(block(layers.Concatenate()([shared(i1), shared(i2)])))
    model = keras.Model([i1, i2], out)
    rng = np.random.default_rng(0)
    x1, x2 = rng.standard_normal((32, 3)), rng.standard_normal((32, 3))
    y = (x1[:, 0] > x2[:, 0]).astype(int)
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    hist = model.fit([x1, x2], y, epochs=30, verbose=0)
    assert hist.history["accuracy"][-1] > 0.9
    assert len(model.weights) == 2 + 4
    assert model.predict([x1, x2], verbose=0).shape == (32, 2)


def test_functional_model_saves_and_loads(tmp_path):
    x, _ = blobs(n=8, d=6)
    model = branched_model()
    model.save(tmp_path / "f.keras")
    loaded = keras.models.load_model(tmp_path / "f.keras")
    np.testing.assert_array_equal(model.predict(x, verbose=0), loaded.predict(x, verbose=0))


def test_functional_errors_are_clear():
    i1 = keras.Input(shape=(3,))
    with pytest.raises(ValueError, match="requires inputs with matching shapes"):
        layers.Concatenate(axis=1)([keras.Input(shape=(2, 3)), keras.Input(shape=(4, 5))])
    with pytest.raises(ValueError, match="same shape"):
        layers.Add()([i1, keras.Input(shape=(4,))])
    other = keras.Input(shape=(3,))
    with pytest.raises(ValueError, match="not among the model's inputs"):
        keras.Model(i1, layers.Add()([i1, other]))
