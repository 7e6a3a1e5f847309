"""fit/evaluate/predict on a tf.data Dataset, evaluate(return_dict), test_on_batch,
predict_on_batch: numbers from Keras 3 (tests/keras_reference/make_tfdata_trainer.py)."""

import warnings

import numpy as np
import pytest

from course import keras
from course.tf import data
from keras_reference import load

REF = load("tfdata_trainer")
D = data.Dataset


def fixed_model(metrics):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(6, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.set_weights([REF["kernel1"], REF["bias1"], REF["kernel2"], REF["bias2"]])
    model.compile("sgd", "sparse_categorical_crossentropy", metrics=metrics)
    return model


def batches(*arrays, size=16):
    return D.from_tensor_slices(arrays if len(arrays) > 1 else arrays[0]).batch(size)


def close(a, b):
    np.testing.assert_allclose(np.asarray(a, np.float64), np.asarray(b, np.float64),
                               rtol=1e-5, atol=1e-6)


def test_evaluate_a_dataset_as_keras():
    model, x, y = fixed_model(["accuracy"]), REF["x"], REF["y"]
    logs = model.evaluate(batches(x, y), verbose=0, return_dict=True)
    assert set(logs) == {"loss", "accuracy"}
    close([logs["loss"], logs["accuracy"]], [REF["eval_loss"], REF["eval_accuracy"]])
    close(model.evaluate(batches(x, y), verbose=0), REF["eval_list"])
    close(model.evaluate(batches(x, y, REF["w"]), verbose=0), REF["eval_weighted"])
    close(model.evaluate(batches(x, y).repeat(), steps=2, verbose=0), REF["eval_steps2"])


def test_one_value_is_a_scalar_several_a_list():
    value = fixed_model(None).evaluate(batches(REF["x"], REF["y"]), verbose=0)
    assert np.ndim(value) == 0
    close(value, REF["eval_loss_only"])
    model = fixed_model(None)
    close(model.test_on_batch(REF["x"][:10], REF["y"][:10]), REF["test_on_batch_loss_only"])
    assert model.evaluate(batches(REF["x"], REF["y"]), verbose=0, return_dict=True).keys() \
        == {"loss"}


def test_test_on_batch_and_predict_on_batch_as_keras():
    model, x, y, w = fixed_model(["accuracy"]), REF["x"], REF["y"], REF["w"]
    close(model.test_on_batch(x[:10], y[:10], sample_weight=w[:10]), REF["test_on_batch"])
    logs = model.test_on_batch(x[:10], y[:10], sample_weight=w[:10], return_dict=True)
    close([logs["loss"], logs["accuracy"]], REF["test_on_batch"])
    close(model.predict_on_batch(x[:10]), REF["predict_on_batch"])
    close(model.predict(batches(x, size=7), verbose=0), REF["predict_ds"])
    close(model.predict(batches(x, y, size=7), verbose=0), REF["predict_ds"])


def classifier():
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def blobs(n=600, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    centres = np.array([[2.0, 0.0], [-2.0, 0.0], [0.0, 2.5]], np.float32)
    return (centres[y] + rng.normal(0, 0.5, (n, 2))).astype(np.float32), y


def test_the_keras_io_idiom_trains_end_to_end():
    (x, y), (vx, vy) = blobs(), blobs(200, seed=1)
    ds = data.Dataset.from_tensor_slices((x, y)).shuffle(1000, seed=0).batch(32) \
        .prefetch(data.AUTOTUNE)
    val_ds = data.Dataset.from_tensor_slices((vx, vy)).batch(32)
    model = classifier()
    history = model.fit(ds, epochs=2, validation_data=val_ds, verbose=0)
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert history.params["steps"] == 19
    assert history.history["val_accuracy"][-1] > 0.9
    assert history.history["loss"][1] < history.history["loss"][0]


def test_steps_per_epoch_and_validation_steps_are_honoured():
    x, y = blobs()
    ds = data.Dataset.from_tensor_slices((x, y)).batch(10)
    seen = []

    class Count(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            seen.append(batch)

        def on_test_batch_end(self, batch, logs=None):
            seen.append(("val", batch))

    history = classifier().fit(ds.repeat(), epochs=2, steps_per_epoch=5, validation_data=ds,
                               validation_steps=2, callbacks=[Count()], verbose=0)
    assert seen == [0, 1, 2, 3, 4, ("val", 0), ("val", 1)] * 2
    assert len(history.history["val_loss"]) == 2


def test_a_finite_dataset_shorter_than_steps_warns_and_ends_the_epoch():
    x, y = blobs(40)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        classifier().fit(D.from_tensor_slices((x, y)).batch(10), steps_per_epoch=6, verbose=0)
    assert any("ran out of data" in str(w.message) for w in caught)


@pytest.mark.parametrize("call, message", [
    (lambda m, ds, x, y: m.fit(ds, y, verbose=0), "`y` should not be passed"),
    (lambda m, ds, x, y: m.fit(ds, sample_weight=y, verbose=0), "sample_weights"),
    (lambda m, ds, x, y: m.fit(ds, validation_split=0.2, verbose=0), "validation_split"),
    (lambda m, ds, x, y: m.fit(ds.repeat(), verbose=0), "infinite dataset.*steps_per_epoch"),
    (lambda m, ds, x, y: m.fit(x, y, validation_data=ds.repeat(), verbose=0),
     "infinite dataset.*validation_steps"),
    (lambda m, ds, x, y: m.evaluate(ds.repeat(), verbose=0), "infinite dataset.*steps"),
    (lambda m, ds, x, y: m.predict(ds.repeat(), verbose=0), "infinite dataset.*steps"),
    (lambda m, ds, x, y: m.fit(ds.take(0), verbose=0), "empty"),
])
def test_bad_dataset_arguments_say_what_to_do(call, message):
    x, y = blobs(50)
    with pytest.raises(ValueError, match=message):
        call(classifier(), D.from_tensor_slices((x, y)).batch(10), x, y)


def test_a_dataset_of_unknown_length_trains_evaluates_and_predicts():
    x, y = blobs(100)
    ds = D.from_tensor_slices((x, y)).filter(lambda a, b: b >= 0).batch(32)
    assert int(ds.cardinality()) == data.UNKNOWN_CARDINALITY
    model = classifier()
    history = model.fit(ds, epochs=1, validation_data=ds, verbose=0)
    assert history.params["steps"] is None and len(history.history["val_loss"]) == 1
    assert set(model.evaluate(ds, verbose=0, return_dict=True)) == {"loss", "accuracy"}
    assert model.predict(ds, verbose=0).shape == (100, 3)


@pytest.mark.parametrize("call", [
    lambda m, ds: m.fit(ds, batch_size=32, verbose=0),
    lambda m, ds: m.evaluate(ds, batch_size=8, verbose=0),
    lambda m, ds: m.predict(ds, batch_size=8, verbose=0),
])
def test_batch_size_with_a_dataset_is_ignored_with_a_warning(call):
    # Keras 3.15 accepts and ignores it (a tutorial passing it runs); we also say so
    x, y = blobs(50)
    with pytest.warns(UserWarning, match="batch_size=.* is ignored.*dataset.batch"):
        call(classifier(), D.from_tensor_slices((x, y)).batch(10))


def test_only_weighted_metrics_are_given_the_sample_weights():
    model = fixed_model(["accuracy"])
    model.compile("sgd", "sparse_categorical_crossentropy", metrics=["accuracy"],
                  weighted_metrics=["accuracy"])
    logs = model.evaluate(batches(REF["x"], REF["y"], REF["w"]), verbose=0, return_dict=True)
    expected = dict(zip(REF["weighted_names"].tolist(), REF["weighted_values"]))
    assert set(logs) == set(expected) == {"loss", "accuracy", "weighted_accuracy"}
    close([logs[k] for k in expected], list(expected.values()))
    assert model.metrics_names == ["loss", "accuracy", "weighted_accuracy"]
