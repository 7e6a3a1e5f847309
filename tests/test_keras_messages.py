"""Bad arguments and data get an error that names the argument (or layer) and what was expected."""

import numpy as np
import pytest

import course.autodiff.tf as tf
from course import keras
from course.keras import layers


@pytest.fixture
def model():
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    model = keras.Sequential([layers.Dense(3, activation="softmax", input_shape=(4,))])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model


X = np.ones((5, 4), np.float32)
Y = np.eye(3, dtype=np.float32)[[0, 1, 2, 0, 1]]


def test_evaluate_on_no_samples(model):
    with pytest.raises(ValueError, match="evaluate\\(\\): x has no samples"):
        model.evaluate(np.zeros((0, 4)), np.zeros((0, 3)), verbose=0)


@pytest.mark.parametrize("batch_size", [-1, 0, 2.5, "32", True])
def test_batch_size_must_be_a_positive_integer(model, batch_size):
    message = f"batch_size must be a positive integer, received batch_size={batch_size!r}"
    for call in (lambda: model.fit(X, Y, batch_size=batch_size, verbose=0),
                 lambda: model.evaluate(X, Y, batch_size=batch_size, verbose=0),
                 lambda: model.predict(X, batch_size=batch_size, verbose=0)):
        with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
            call()


def test_evaluate_without_targets(model):
    with pytest.raises(ValueError, match=r"evaluate\(\): targets y are needed together with"):
        model.evaluate(X, verbose=0)
    with pytest.raises(ValueError, match="train_on_batch\\(\\) needs targets y"):
        model.train_on_batch(X)


def test_a_value_beyond_float32_is_an_overflow_not_a_nan(model):
    x = X.astype(np.float64)
    x[2, 1] = 1e39
    with pytest.raises(ValueError, match=r"x overflows float32: the value 1e\+39 at index "
                                         r"\(2, 1\) is beyond float32's range"):
        model.fit(x, Y, verbose=0)
    x[2, 1] = np.nan
    with pytest.raises(ValueError, match="x contains NaN or infinite values"):
        model.fit(x, Y, verbose=0)
    y = Y.astype(np.float64)
    y[0, 0] = -1e300
    with pytest.raises(ValueError, match=r"y overflows float32: the value -1e\+300 at index "
                                         r"\(0, 0\)"):
        model.fit(X, y, verbose=0)


def test_one_callback_without_a_list_is_accepted(model):
    epochs = []
    callback = keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: epochs.append(e))
    model.fit(X, Y, epochs=2, verbose=0, callbacks=callback)
    model.evaluate(X, Y, verbose=0, callbacks=callback)
    model.predict(X, verbose=0, callbacks=callback)
    assert epochs == [0, 1]


def test_metrics_must_be_a_list(model):
    with pytest.raises(ValueError, match=r"Expected `metrics` argument to be a list or tuple. "
                                         r"Received instead: metrics='accuracy' of type str; "
                                         r"write metrics=\['accuracy'\]"):
        model.compile(optimizer="adam", loss="mse", metrics="accuracy")
    with pytest.raises(ValueError, match="Unknown metric") as error:
        model.compile(optimizer="adam", loss="mse", metrics=["acuracy"])
        model.fit(X, Y, verbose=0)
    assert str(error.value).count("'accuracy'") + str(error.value).count(" accuracy,") == 1


def test_set_weights_names_the_weight(model):
    with pytest.raises(TypeError, match=r"dtype <U1 to weight 'dense/kernel' \(shape \(4, 3\)"):
        model.set_weights([np.full((4, 3), "a"), np.zeros(3)])
    with pytest.raises(ValueError, match=r"weight 'dense/bias' of shape \(3,\): the value is "
                                         r"not a rectangular array"):
        model.layers[0].set_weights([np.zeros((4, 3)), [[1, 2], [3]]])


@pytest.mark.parametrize("value, reason", [("abc", "could not convert string to float"),
                                           ([[1.0, 2.0], [3.0]], "inhomogeneous")])
def test_a_placeholder_fed_a_string_or_a_ragged_list_is_named(value, reason):
    tf.reset_default_graph()
    images = tf.placeholder(tf.float32, [None, 2], name="images")
    with tf.Session() as sess:
        with pytest.raises(ValueError, match=r"Cannot feed the value given for 'images', which "
                                             r"takes float32 of shape \(\?, 2\): .*" + reason):
            sess.run(images * 2.0, {images: value})


def test_a_layer_too_large_for_memory_names_the_layer_and_the_size():
    with pytest.raises(MemoryError, match=r'Layer "huge": no memory for its weight "kernel" of '
                                          r"shape \(1000000, 1000000\) \(3725.3 GiB\)"):
        keras.Sequential([layers.Dense(10**6, input_shape=(10**6,), name="huge")])


def test_a_batch_too_large_for_memory_names_the_layer_and_the_shape(model, monkeypatch):
    layer = model.layers[0]

    def exhausted(x, training=False, logits=False):
        raise MemoryError("Unable to allocate 7.5 GiB")
    monkeypatch.setattr(layer, "forward", exhausted)
    with pytest.raises(MemoryError, match=r'Layer "dense" ran out of memory on inputs of shape '
                                          r"\(5, 4\) \(Unable to allocate 7.5 GiB\); use a "
                                          r"smaller batch_size"):
        model.predict(X, verbose=0)
