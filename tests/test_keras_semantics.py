"""Keras 3's behaviour where it was silently different: each test states Keras's answer."""

import warnings

import numpy as np
import pytest

import course.autodiff.tf as tf
from course import keras
from course.keras import layers, losses
from keras_data import blobs


@pytest.fixture
def probabilities():
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(4), 6).astype(np.float32)
    labels = np.array([0, 1, 2, 3, 0, 2])
    return p, labels, np.eye(4, dtype=np.float32)[labels]


def test_loss_functions_return_one_loss_per_sample(probabilities):
    p, labels, one_hot = probabilities
    expected = -np.log(p[np.arange(6), labels])
    np.testing.assert_allclose(losses.categorical_crossentropy(one_hot, p), expected, rtol=1e-6)
    np.testing.assert_allclose(losses.sparse_categorical_crossentropy(labels, p), expected,
                               rtol=1e-6)
    np.testing.assert_allclose(losses.sparse_categorical_crossentropy(labels[:, None], p),
                               expected, rtol=1e-6)
    np.testing.assert_allclose(losses.categorical_crossentropy(one_hot, np.log(p),
                                                               from_logits=True),
                               expected, rtol=1e-5)
    np.testing.assert_allclose(losses.mean_squared_error(one_hot, p),
                               ((one_hot - p) ** 2).mean(-1), rtol=1e-6)
    np.testing.assert_allclose(losses.mae(one_hot, p), np.abs(one_hot - p).mean(-1), rtol=1e-6)
    t, q = one_hot[:, :1], p[:, :1]
    np.testing.assert_allclose(losses.binary_crossentropy(t, q),
                               -(t * np.log(q) + (1 - t) * np.log(1 - q))[:, 0], rtol=1e-5)
    assert losses.mse(np.zeros((2, 3, 4)), np.ones((2, 3, 4))).shape == (2, 3)
    # the objects still give the batch mean, and the mean of the per-sample values
    assert losses.CategoricalCrossentropy()(one_hot, p) == pytest.approx(expected.mean(),
                                                                         rel=1e-6)


def test_loss_functions_as_compile_arguments_and_as_metrics():
    x, y = blobs(n=60, k=3)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([layers.Dense(3, activation="softmax", input_shape=(20,))])
    model.compile(optimizer="adam", loss=losses.sparse_categorical_crossentropy,
                  metrics=[losses.sparse_categorical_crossentropy])
    logs = model.evaluate(x, y, verbose=0, return_dict=True)
    per_sample = losses.sparse_categorical_crossentropy(y, model.predict(x, verbose=0))
    assert logs["loss"] == pytest.approx(per_sample.mean(), rel=1e-5)
    assert logs["sparse_categorical_crossentropy"] == pytest.approx(per_sample.mean(), rel=1e-5)


def two_input_model():
    keras.backend.clear_session()
    a, b = keras.Input((2,)), keras.Input((2,))
    model = keras.Model([a, b], layers.Dense(1)(layers.Concatenate()([a, b])))
    model.compile(optimizer="sgd", loss="mse")
    return model


@pytest.mark.parametrize("sizes", [(3, 4), (4, 3)])
def test_inputs_of_different_lengths_are_ambiguous(sizes):
    model = two_input_model()
    x = [np.ones((n, 2), np.float32) for n in sizes]
    detail = f"x sizes: {sizes[0]}, {sizes[1]}"
    with pytest.raises(ValueError, match=f"Data cardinality is ambiguous: {detail}, y sizes: 3"):
        model.fit(x, np.ones((3, 1)), verbose=0)
    with pytest.raises(ValueError, match=f"Data cardinality is ambiguous: {detail}"):
        model.predict(x, verbose=0)
    with pytest.raises(ValueError, match=f"Data cardinality is ambiguous: {detail}"):
        model.evaluate(x, np.ones((3, 1)), verbose=0)


def test_steps_per_epoch_with_arrays_limits_and_continues_the_epochs():
    x, y = blobs(n=10, k=3)
    model = keras.Sequential([layers.Dense(3, activation="softmax", input_shape=(20,))])
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    batches = []
    record = keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: batches.append(model.optimizer.iterations))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 5 epochs of 2 batches of 1: one pass, no warning
        history = model.fit(x, y, batch_size=1, steps_per_epoch=2, epochs=5, verbose=0,
                            callbacks=[record])
    assert history.params["steps"] == 2 and batches == [2, 4, 6, 8, 10]
    with pytest.warns(UserWarning, match="ran out of data"):
        model.fit(x, y, batch_size=4, steps_per_epoch=2, epochs=2, verbose=0)
    assert model.optimizer.iterations == 13  # 2 batches, then the third and last of the pass
    with pytest.raises(ValueError, match="steps_per_epoch must be None or a positive integer"):
        model.fit(x, y, steps_per_epoch=0, verbose=0)


def test_a_sequential_model_without_layers_raises():
    model = keras.Sequential()
    with pytest.raises(ValueError, match="cannot be built because it has no layers"):
        model.predict(np.ones((2, 3)), verbose=0)
    model = keras.Sequential([keras.Input((3,))])
    with pytest.raises(ValueError, match="no layers"):
        model.predict(np.ones((2, 3)), verbose=0)
    model.add(layers.Dense(2))
    assert model.predict(np.ones((2, 3)), verbose=0).shape == (2, 2)


@pytest.mark.parametrize("make, argument", [
    (lambda: layers.MaxPooling2D(2, strides=0), "strides=0"),
    (lambda: layers.AveragePooling2D(pool_size=(2, 0)), r"pool_size=\(2, 0\)"),
    (lambda: layers.Conv2D(4, 3, strides=0), "strides=0"),
    (lambda: layers.Conv2D(4, 3, strides=(1, -1)), r"strides=\(1, -1\)"),
    (lambda: layers.Conv2D(4, -1), "kernel_size=-1"),
    (lambda: layers.Conv2D(4, 3, dilation_rate=0), "dilation_rate=0"),
    (lambda: layers.Conv2D(4, 2.5), "kernel_size=2.5"),
])
def test_window_arguments_are_checked_when_the_layer_is_made(make, argument):
    with pytest.raises(ValueError, match=r'(Conv2D|Pooling2D) "\w+": the `\w+` argument must '
                                         r"be a tuple of 2 positive integers.*Received: "
                                         + argument):
        make()


def test_max_pooling_strides_default_to_the_pool_size():
    assert layers.MaxPooling2D(3).strides == (3, 3)
    assert layers.MaxPooling2D(3, strides=1).strides == (1, 1)


def test_tf_cast_between_floats_passes_the_gradient():
    x = tf.placeholder(tf.float32, [3])
    y = tf.reduce_sum(tf.cast(x, tf.float64) * 3.0)
    (dx,) = tf.gradients(y, x)
    with tf.Session() as sess:
        grad = sess.run(dx, {x: [1.0, 2.0, 3.0]})
    np.testing.assert_array_equal(grad, [3.0, 3.0, 3.0])
    assert grad.dtype == np.float32
    assert tf.gradients(tf.cast(tf.cast(x, tf.int32), tf.float32), x) == [None]


def test_integer_true_division_gives_floats_as_tensorflow():
    a = tf.constant([7, 8], tf.int32)
    b = tf.constant([2, 3], tf.int32)
    small = tf.constant(np.array([1, 2], np.int16))
    assert (a / b).dtype == np.float64 and tf.divide(a, b).dtype == np.float64
    assert (small / 4).dtype == np.float32
    with tf.Session() as sess:
        value = sess.run(a / b)
        np.testing.assert_allclose(value, [3.5, 8 / 3])
        assert value.dtype == np.float64
        assert sess.run(7 / b).dtype == np.float64
