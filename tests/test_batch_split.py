"""A training step in two halves of the batch (one per core) trains as the whole batch does."""

import numpy as np
import pytest

from course import keras, threads
from course.keras import layers
from course.keras.trainers import batch_split
from course.ops import batch_parts


def _halves(n):
    return [(0, n // 2), (n // 2, n)]


def _whole(n):
    return [(0, n)]


def convnet(seed=0, extra=()):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input((12, 12, 1)), layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(),
        layers.Conv2D(8, 3, activation="relu", padding="same"), *extra, layers.Flatten(),
        layers.Dense(16, activation="relu"), layers.Dense(4, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def _data(n=48, seed=1):
    rng = np.random.default_rng(seed)
    return rng.random((n, 12, 12, 1), np.float32), rng.integers(0, 4, n)


@pytest.fixture
def always_split(monkeypatch):
    monkeypatch.setattr(batch_split, "MIN_PART_FLOPS", 0)
    monkeypatch.setattr(batch_parts, "batch_parts", _halves)


@pytest.fixture
def split_calls(monkeypatch):
    """The ``parts`` of every ``over_batch_parts`` call, in order."""
    seen = []
    real = batch_parts.over_batch_parts
    monkeypatch.setattr(batch_parts, "over_batch_parts",
                        lambda run, n, parts=None: seen.append(parts) or real(run, n, parts))
    return seen


def _step(model, x, y):
    return batch_split.forward_backward(model, model.compiled_loss(), x, y, None)


def test_halves_give_the_loss_outputs_and_gradients_of_the_whole_batch(monkeypatch,
                                                                       always_split,
                                                                       split_calls):
    x, y = _data()
    model = convnet()
    model.build(x.shape)
    loss, y_pred, grads = _step(model, x, y)
    assert split_calls == [[(0, 24), (24, 48)]] * 2
    monkeypatch.setattr(batch_parts, "batch_parts", _whole)
    want_loss, want_pred, want_grads = _step(model, x, y)
    assert float(loss) == pytest.approx(float(want_loss), rel=1e-6)
    np.testing.assert_allclose(y_pred, want_pred, rtol=1e-5, atol=1e-6)
    assert len(grads) == len(model.weights) == 8
    for g, want in zip(grads, want_grads):
        np.testing.assert_allclose(g, want, rtol=1e-4, atol=1e-6)


def test_fit_in_halves_learns_what_fit_on_whole_batches_learns(monkeypatch, always_split):
    x, y = _data(96)
    split = convnet()
    split_history = split.fit(x, y, batch_size=32, epochs=3, shuffle=False, verbose=0)
    monkeypatch.setattr(batch_parts, "batch_parts", _whole)
    whole = convnet()
    whole_history = whole.fit(x, y, batch_size=32, epochs=3, shuffle=False, verbose=0)
    np.testing.assert_allclose(split_history.history["loss"], whole_history.history["loss"],
                               rtol=1e-4)
    assert split_history.history["accuracy"] == whole_history.history["accuracy"]
    for a, b in zip(split.get_weights(), whole.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-3, atol=1e-5)


@pytest.mark.parametrize("layer", [layers.BatchNormalization(), layers.GaussianNoise(0.1)],
                         ids=lambda l: type(l).__name__)
def test_a_layer_that_mixes_samples_or_draws_random_numbers_keeps_the_batch_whole(
        monkeypatch, always_split, split_calls, layer):
    x, y = _data()
    model = convnet(extra=(layer,))
    model.build(x.shape)
    assert not batch_split.splittable(model)
    _step(model, x, y)
    assert split_calls == []


def test_a_layer_with_its_own_call_keeps_the_batch_whole(always_split):
    class Twice(layers.Layer):
        def call(self, x):
            return 2 * x

    model = convnet(extra=(Twice(),))
    model.build((None, 12, 12, 1))
    assert not batch_split.splittable(model)
    assert batch_split.splittable(convnet())


def test_small_models_and_batches_stay_whole(monkeypatch):
    monkeypatch.setattr(batch_parts, "batch_parts", _halves)  # two cores free
    model = keras.Sequential([keras.Input((784,)), layers.Dense(128, activation="relu"),
                              layers.Dense(10)])
    assert batch_split.forward_flops(model) == 2 * (784 * 128 + 128 * 10)
    x = np.zeros((128, 784), np.float32)
    assert batch_split._halves(model, x) is None
    big = convnet()
    big.build((None, 12, 12, 1))
    assert batch_split.forward_flops(big) == 2 * (10 * 10 * 8 * 9 + 5 * 5 * 8 * 72
                                                  + 16 * 200 + 4 * 16)
    assert batch_split._halves(big, x[:, :144].reshape(-1, 12, 12, 1)) is None
    images = np.zeros((2048, 12, 12, 1), np.float32)  # 51 MFLOP a half: enough work
    assert batch_split._halves(big, images) == [(0, 1024), (1024, 2048)]


def test_without_a_helper_thread_the_halves_run_one_after_the_other(monkeypatch,
                                                                     always_split):
    class NoThreads:
        def submit(self, *args):
            raise RuntimeError("can't start new thread")

    x, y = _data()
    model = convnet()
    model.build(x.shape)
    want = _step(model, x, y)
    monkeypatch.setattr(batch_parts, "_helper", NoThreads())
    got = _step(model, x, y)
    assert float(got[0]) == pytest.approx(float(want[0]), rel=1e-6)
    for g, w in zip(got[2], want[2]):
        np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-7)


def test_blas_keeps_one_thread_while_the_halves_run_and_its_count_comes_back(monkeypatch):
    before = threads.blas_threads()
    monkeypatch.setattr(threads, "_follow", {"next": 0.0, "thread_id": None})
    with threads.one_blas_thread():
        threads.follow_load()  # would act (its time has come) but the count is pinned
        assert threads.blas_threads() in (1, None)
    assert threads.blas_threads() == before


def test_predict_and_evaluate_in_halves_give_the_whole_batch_numbers(monkeypatch, always_split,
                                                                     split_calls):
    x, y = _data(50)
    model = convnet()
    model.build(x.shape)
    halves = model.predict(x, batch_size=50, verbose=0)
    loss, accuracy = model.evaluate(x, y, batch_size=50, verbose=0)
    assert split_calls == [[(0, 25), (25, 50)]] * 2
    monkeypatch.setattr(batch_parts, "batch_parts", _whole)
    np.testing.assert_allclose(halves, model.predict(x, batch_size=50, verbose=0), rtol=1e-6)
    assert (loss, accuracy) == pytest.approx(model.evaluate(x, y, batch_size=50, verbose=0))


def test_a_call_from_inside_a_part_runs_its_parts_in_turn(monkeypatch):
    """A part that splits again (an LSTM inside a split model) must not wait on the helper
    thread it runs on: inside a part, parts run one after the other."""
    monkeypatch.setattr(batch_parts, "batch_parts", _halves)
    inner = []

    def run(lo, hi):
        return batch_parts.over_batch_parts(lambda a, b: inner.append((a, b)) or b - a, 8,
                                            [(0, 4), (4, 8)])

    assert batch_parts.over_batch_parts(run, 64) == [[4, 4], [4, 4]]
    assert sorted(inner) == [(0, 4), (0, 4), (4, 8), (4, 8)]


@pytest.mark.parametrize("recurrent", [layers.LSTM, layers.GRU, layers.SimpleRNN])
def test_a_text_model_in_halves_gets_the_whole_batch_gradients(monkeypatch, always_split,
                                                                recurrent):
    rng = np.random.default_rng(5)
    x = rng.integers(1, 30, size=(24, 9))
    x[::3, 6:] = 0  # padding, masked by mask_zero
    y = rng.integers(0, 2, 24).astype(np.float32)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((9,)), layers.Embedding(30, 6, mask_zero=True),
                              recurrent(5), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.build(x.shape)
    assert batch_split.splittable(model)
    loss, _, grads = _step(model, x, y)
    monkeypatch.setattr(batch_parts, "batch_parts", _whole)
    want_loss, _, want = _step(model, x, y)
    assert float(loss) == pytest.approx(float(want_loss), rel=1e-6)
    for g, w in zip(grads, want):
        np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-6)


def test_recurrent_dropout_keeps_the_batch_whole():
    layer = layers.LSTM(4, recurrent_dropout=0.2)
    assert not layer.batch_splittable and layers.LSTM(4).batch_splittable
    model = keras.Sequential([keras.Input((9,)), layers.Embedding(30, 6), layer])
    assert not batch_split.splittable(model)
    assert batch_split.forward_flops(keras.Sequential(
        [keras.Input((9, 6)), layers.LSTM(4)])) == 2 * 9 * (6 * 16 + 4 * 16)


def test_numba_parallel_kernels_keep_the_batch_whole(monkeypatch):
    monkeypatch.setattr(threads, "blas_threads", lambda n=None: 2)
    assert batch_parts.batch_parts(64) == [(0, 32), (32, 64)]
    monkeypatch.setattr(threads, "NUMBA_PARALLEL", True)
    assert batch_parts.batch_parts(64) == [(0, 64)]


@pytest.mark.parametrize("dropout", [lambda: layers.Dropout(0.4),
                                     lambda: layers.SpatialDropout2D(0.3),
                                     lambda: layers.Dropout(0.5, seed=3)],
                         ids=["Dropout", "SpatialDropout2D", "seeded"])
def test_dropout_in_halves_drops_what_the_whole_batch_drops(monkeypatch, always_split, dropout):
    """The masks of the whole batch are drawn first, in the forward's order; each half
    takes its rows: training is the same, mask for mask, as on whole batches."""
    x, y = _data(64)

    def train():
        keras.utils.set_random_seed(0)
        model = keras.Sequential([
            keras.Input((12, 12, 1)), layers.Conv2D(8, 3, activation="relu"),
            layers.MaxPooling2D(), dropout(), layers.Flatten(), layers.Dropout(0.25),
            layers.Dense(4, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        assert batch_split.splittable(model)
        history = model.fit(x, y, batch_size=32, epochs=2, shuffle=False, verbose=0)
        return history.history["loss"], model.get_weights()

    split_loss, split_weights = train()
    monkeypatch.setattr(batch_parts, "batch_parts", _whole)
    whole_loss, whole_weights = train()
    np.testing.assert_allclose(split_loss, whole_loss, rtol=1e-5)
    for a, b in zip(split_weights, whole_weights):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)


def test_a_dropout_mask_drawn_for_another_input_is_not_used(always_split):
    layer = layers.Dropout(0.5)
    layer.build_for((None, 6))
    layer.draw_batch_mask(10)
    rows = batch_parts.over_batch_parts(
        lambda lo, hi: layer.forward(np.ones((hi - lo, 3), np.float32), training=True)[0], 10,
        [(0, 5), (5, 10)])
    assert [r.shape for r in rows] == [(5, 3), (5, 3)]  # drew its own, of the right shape
    layer.draw_batch_mask(None)


def test_dropout_on_inputs_of_unknown_length_keeps_the_batch_whole(always_split):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((None,)), layers.Embedding(30, 6), layers.Dropout(0.3),
                              layers.LSTM(4), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    x = np.random.default_rng(0).integers(1, 30, size=(32, 7))
    model.fit(x, np.ones(32, np.float32), epochs=1, verbose=0)
    assert not model.layers[1].batch_splittable and not batch_split.splittable(model)
    assert model.layers[1].input_shape == (None, None, 6)
