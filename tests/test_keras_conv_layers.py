import numpy as np
import pytest

from course import keras
from course.keras import layers
from keras_data import blobs


def small_images(n=64, seed=0):
    """Images whose class is the quadrant holding a bright square: (n, 12, 12, 1), (n,)."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, 12, 12, 1)).astype(np.float32) * 0.2
    y = rng.integers(0, 4, n)
    for i, k in enumerate(y):
        r, c = divmod(k, 2)
        x[i, r * 6 + 1:r * 6 + 5, c * 6 + 1:c * 6 + 5, 0] += 1
    return x, y


def test_keras_mnist_convnet_summary_matches_keras():
    keras.backend.clear_session()
    model = keras.Sequential([
        layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)),
        layers.MaxPooling2D((2, 2)), layers.Conv2D(64, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)), layers.Conv2D(64, (3, 3), activation="relu"),
        layers.Flatten(), layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")])
    assert [l.output_shape for l in model.layers] == [
        (None, 26, 26, 32), (None, 13, 13, 32), (None, 11, 11, 64), (None, 5, 5, 64),
        (None, 3, 3, 64), (None, 576), (None, 64), (None, 10)]
    assert model.count_params() == 93322


def test_convnet_learns_a_small_image_task_with_dropout_and_batchnorm():
    x, y = small_images(256)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input(shape=(12, 12, 1)),
        layers.Conv2D(8, 3, padding="same", activation="relu"),
        layers.BatchNormalization(), layers.MaxPooling2D(2),
        layers.Conv2D(8, 3, activation="relu"), layers.GlobalAveragePooling2D(),
        layers.Dropout(0.2), layers.Dense(4, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    hist = model.fit(x, y, epochs=15, batch_size=32, verbose=0)
    assert hist.history["accuracy"][-1] > 0.9
    assert model.evaluate(x, y, verbose=0)[1] > 0.9


def test_batchnorm_uses_batch_statistics_in_training_and_moving_ones_at_inference():
    bn = layers.BatchNormalization(momentum=0.5)
    x = np.random.default_rng(0).normal(3.0, 2.0, (64, 5)).astype(np.float32)
    bn.build_for(x.shape)
    out, _ = bn.forward(x, training=True)
    np.testing.assert_allclose(out.mean(0), 0, atol=1e-5)
    np.testing.assert_allclose(bn.moving_mean.value, 0.5 * x.mean(0), rtol=1e-5)
    infer, _ = bn.forward(x, training=False)
    expected = (x - bn.moving_mean.value) / np.sqrt(bn.moving_variance.value + 1e-3)
    np.testing.assert_allclose(infer, expected, rtol=1e-4, atol=1e-5)
    assert [w.name for w in bn.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert [w.name for w in bn.trainable_weights] == ["gamma", "beta"]
    bn.trainable = False
    frozen = bn.moving_mean.numpy()
    bn.forward(x, training=True)
    np.testing.assert_array_equal(frozen, bn.moving_mean.value)


def test_dropout_layer_is_identity_at_inference_and_seeded_in_training():
    x = np.ones((4, 100), np.float32)
    a, b = layers.Dropout(0.5, seed=3), layers.Dropout(0.5, seed=3)
    np.testing.assert_array_equal(a.forward(x, training=False)[0], x)
    out_a, out_b = a.forward(x, training=True)[0], b.forward(x, training=True)[0]
    np.testing.assert_array_equal(out_a, out_b)
    assert set(np.unique(out_a)) == {0.0, 2.0}


def test_freezing_a_conv_base_for_transfer_learning():
    x, y = small_images(64)
    keras.utils.set_random_seed(0)
    base = keras.Sequential([keras.Input(shape=(12, 12, 1)), layers.Conv2D(4, 3, activation="relu"),
                             layers.BatchNormalization(), layers.Flatten()])
    base.trainable = False
    model = keras.Sequential([base, layers.Dense(4, activation="softmax")])
    lines = []
    model.summary(print_fn=lines.append)
    text = "\n".join(lines)
    frozen_count = base.count_params()
    assert f"Non-trainable params: {frozen_count:,}" in text
    assert "Trainable params: 1,604 " in text  # Dense(4) on 10*10*4 features
    before = base.get_weights()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=2, verbose=0)
    for a, b in zip(before, base.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_wrong_image_shape_names_the_layer():
    model = keras.Sequential([layers.Conv2D(4, 3, input_shape=(12, 12, 1), name="first_conv")])
    with pytest.raises(ValueError, match=r'"first_conv".*\(None, 12, 12, 1\).*\(None, 12, 12, 3\)'):
        model.predict(np.zeros((2, 12, 12, 3)), verbose=0)
    with pytest.raises(ValueError, match="does not fit"):
        keras.Sequential([layers.Conv2D(4, 5, input_shape=(3, 3, 1))])
    with pytest.raises(ValueError, match="kernel_size"):
        layers.Conv2D(4, (3, 3, 3))


def test_conv_model_saves_and_loads(tmp_path):
    x, y = small_images(16)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(12, 12, 1)), layers.ZeroPadding2D(1),
                              layers.Conv2D(4, 3, strides=2, activation="relu"),
                              layers.AveragePooling2D(2, padding="same"), layers.BatchNormalization(),
                              layers.Reshape((-1,)), layers.Dense(4, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=1, verbose=0)
    model.save(tmp_path / "cnn.keras")
    loaded = keras.models.load_model(tmp_path / "cnn.keras")
    np.testing.assert_array_equal(model.predict(x, verbose=0), loaded.predict(x, verbose=0))
