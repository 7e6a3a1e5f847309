import math
import warnings

import numpy as np
import pytest

from course import keras
from course.keras import layers
from keras_data import blobs


def mlp(d=20, k=3, activation="softmax", seed=0, **dense_kwargs):
    keras.utils.set_random_seed(seed)
    return keras.Sequential([layers.Dense(16, activation="relu", input_shape=(d,), **dense_kwargs),
                             layers.Dense(k, activation=activation)])


def test_fit_learns_and_history_has_keras_keys():
    x, y = blobs()
    model = mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=5, batch_size=32, validation_split=0.2, verbose=0)
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(len(v) == 5 for v in history.history.values())
    assert history.epoch == [0, 1, 2, 3, 4]
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert history.history["val_accuracy"][-1] > 0.9
    assert model.history is history


def test_validation_split_holds_out_the_last_fraction_before_shuffling():
    x, y = blobs(n=100)
    model = mlp()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    hist = model.fit(x, y, epochs=1, validation_split=0.25, verbose=0, shuffle=False)
    # evaluating the trained model on the last 25 samples reproduces val_loss exactly
    val_loss, val_acc = model.evaluate(x[75:], y[75:], verbose=0)
    assert hist.history["val_loss"][0] == pytest.approx(val_loss, rel=1e-6)
    assert hist.history["val_accuracy"][0] == pytest.approx(val_acc)


def test_evaluate_returns_scalar_without_metrics_and_list_with_them():
    x, y = blobs(n=64)
    model = mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    assert isinstance(model.evaluate(x, y, verbose=0), float)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    result = model.evaluate(x, y, verbose=0)
    assert isinstance(result, list) and len(result) == 2
    assert model.metrics_names == ["loss", "accuracy"]
    assert model.evaluate(x, y, verbose=0, return_dict=True).keys() == {"loss", "accuracy"}


def test_accuracy_resolves_to_the_task():
    from course.keras import metrics
    x, y = blobs(n=64)
    one_hot = keras.utils.to_categorical(y)
    for loss, target, expected in [("categorical_crossentropy", one_hot, metrics.CategoricalAccuracy),
                                   ("sparse_categorical_crossentropy", y,
                                    metrics.SparseCategoricalAccuracy)]:
        model = mlp()
        model.compile(optimizer="adam", loss=loss, metrics=["accuracy"])
        model.fit(x, target, epochs=1, verbose=0)
        assert isinstance(model.compiled_metrics[0], expected)
    model = mlp(k=1, activation="sigmoid")
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["acc"])
    hist = model.fit(x, (y == 1).astype(float), epochs=2, verbose=0)
    assert isinstance(model.compiled_metrics[0], metrics.BinaryAccuracy)
    assert "acc" in hist.history


def test_same_seed_same_weights_and_same_curve():
    x, y = blobs()
    curves, weights = [], []
    for _ in range(2):
        model = mlp(seed=42)
        weights.append(model.get_weights())
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        curves.append(model.fit(x, y, epochs=3, verbose=0).history["loss"])
    for a, b in zip(*weights):
        np.testing.assert_array_equal(a, b)
    assert curves[0] == curves[1]
    other = mlp(seed=43).get_weights()
    assert not np.array_equal(other[0], weights[0][0])


def test_fused_softmax_loss_equals_keras_formula():
    x, y = blobs(n=50)
    model = mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    probs = model.predict(x, verbose=0)
    expected = -np.mean(np.log(np.clip(probs[np.arange(50), y], 1e-7, 1)))
    assert model.evaluate(x, y, verbose=0) == pytest.approx(expected, rel=1e-4)


def test_one_gradient_step_matches_numpy_by_hand():
    x, y = blobs(n=8, d=5)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([layers.Dense(3, input_shape=(5,), activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="sparse_categorical_crossentropy")
    W, b = model.get_weights()
    model.train_on_batch(x, y)
    z = x @ W + b
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    p[np.arange(8), y] -= 1
    np.testing.assert_allclose(model.get_weights()[0], W - 0.5 * x.T @ p / 8, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(model.get_weights()[1], b - 0.5 * p.sum(0) / 8, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("optimizer", ["sgd", "rmsprop", "adagrad", "adam", "nesterov"])
@pytest.mark.parametrize("loss,activation,target", [
    ("categorical_crossentropy", "softmax", "one_hot"),
    ("sparse_categorical_crossentropy", "softmax", "int"),
    ("mse", "linear", "one_hot"),
    ("mae", "linear", "one_hot"),
])
def test_every_optimizer_and_loss_by_name_reduces_the_loss(optimizer, loss, activation, target):
    x, y = blobs(n=200)
    t = keras.utils.to_categorical(y, 3) if target == "one_hot" else y
    model = mlp(activation=activation)
    if optimizer == "nesterov":
        optimizer = keras.optimizers.SGD(0.01, momentum=0.9, nesterov=True)
    model.compile(optimizer=optimizer, loss=loss)
    before = model.evaluate(x, t, verbose=0)
    model.fit(x, t, epochs=3, verbose=0)
    assert model.evaluate(x, t, verbose=0) < before


def test_binary_crossentropy_with_sigmoid_and_from_logits():
    x, y = blobs(n=200, k=2)
    for activation, loss in [("sigmoid", "binary_crossentropy"),
                             ("linear", keras.losses.BinaryCrossentropy(from_logits=True))]:
        model = mlp(k=1, activation=activation)
        model.compile(optimizer=keras.optimizers.Adam(0.01), loss=loss, metrics=["accuracy"])
        hist = model.fit(x, y, epochs=10, verbose=0)
        assert hist.history["accuracy"][-1] > 0.95


def test_class_weight_and_sample_weight_change_the_loss_as_keras_does():
    x, y = blobs(n=64)
    model = mlp()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    plain = model.evaluate(x, y, verbose=0)
    w = np.where(y == 0, 2.0, 0.0)
    weighted = model.evaluate(x, y, sample_weight=w, verbose=0)
    per_sample = keras.losses.SparseCategoricalCrossentropy()
    probs = model.predict(x, verbose=0)
    expected = np.sum(w * -np.log(probs[np.arange(64), y])) / 64
    assert weighted == pytest.approx(expected, rel=1e-4) and weighted != pytest.approx(plain)
    hist = model.fit(x, y, class_weight={0: 2.0, 1: 0.0, 2: 0.0}, epochs=1, verbose=0,
                     shuffle=False, batch_size=64)
    assert hist.history["loss"][0] == pytest.approx(expected, rel=1e-4)
    with pytest.raises(ValueError, match="class_weight has no entry"):
        model.fit(x, y, class_weight={0: 1.0}, verbose=0)


def test_predict_then_argmax_and_train_on_batch():
    x, y = blobs(n=100)
    model = mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    loss, acc = model.train_on_batch(x, y)
    assert math.isfinite(loss) and 0 <= acc <= 1
    probs = model.predict(x, batch_size=7, verbose=0)
    assert probs.shape == (100, 3) and probs.dtype == np.float32
    np.testing.assert_allclose(probs.sum(1), 1, rtol=1e-5)
    assert model.predict_on_batch(x[:5]).shape == (5, 3)
    assert model.predict(x, verbose=0).argmax(1).shape == (100,)


def test_initial_epoch_and_functional_style_input():
    x, y = blobs(n=64)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(20,)), layers.Dense(3, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    hist = model.fit(x, y, epochs=5, initial_epoch=3, verbose=0)
    assert hist.epoch == [3, 4]


def test_nan_loss_stops_training_with_a_message():
    x, y = blobs(n=256)
    model = mlp()
    model.compile(optimizer=keras.optimizers.SGD(1e30), loss="mse")
    with pytest.warns(RuntimeWarning, match="the loss is (nan|inf); training stopped"):
        hist = model.fit(x, keras.utils.to_categorical(y), epochs=5, batch_size=16, verbose=0)
    assert len(hist.epoch) == 1 and not math.isfinite(hist.history["loss"][0])


def test_legacy_lr_is_accepted_with_a_warning():
    with pytest.warns(DeprecationWarning, match="learning_rate"):
        opt = keras.optimizers.Adam(lr=0.01)
    assert opt.learning_rate == 0.01


def test_trainable_false_freezes_a_layer():
    x, y = blobs(n=64)
    model = mlp()
    model.layers[0].trainable = False
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    frozen = model.layers[0].get_weights()
    trained = model.layers[1].get_weights()
    model.fit(x, y, epochs=2, verbose=0)
    for a, b in zip(frozen, model.layers[0].get_weights()):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(trained[0], model.layers[1].get_weights()[0])
    assert len(model.trainable_weights) == 2 and len(model.non_trainable_weights) == 2


def test_regularizers_add_to_the_loss_and_shrink_weights():
    x, y = blobs(n=64)
    plain, reg = mlp(), mlp(kernel_regularizer=keras.regularizers.l2(0.1))
    for m in (plain, reg):
        m.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    penalty = 0.1 * float((reg.layers[0].kernel.value ** 2).sum())
    assert reg.evaluate(x, y, verbose=0) == pytest.approx(
        plain.evaluate(x, y, verbose=0) + penalty, rel=1e-5)
    plain.fit(x, y, epochs=5, verbose=0)
    reg.fit(x, y, epochs=5, verbose=0)
    assert np.abs(reg.layers[0].kernel.value).sum() < np.abs(plain.layers[0].kernel.value).sum()


def test_generator_and_sequence_inputs():
    x, y = blobs(n=96)

    class Batches(keras.utils.Sequence):
        def __len__(self):
            return 3

        def __getitem__(self, i):
            return x[i * 32:(i + 1) * 32], y[i * 32:(i + 1) * 32]

    model = mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    hist = model.fit(Batches(), epochs=2, verbose=0, validation_data=(x, y))
    assert len(hist.history["loss"]) == 2 and "val_accuracy" in hist.history

    def forever():
        while True:
            yield x[:32], y[:32]
    hist = model.fit(forever(), steps_per_epoch=4, epochs=1, verbose=0)
    assert len(hist.history["loss"]) == 1
    with pytest.raises(ValueError, match="steps_per_epoch"):
        model.fit(forever(), epochs=1, verbose=0)
