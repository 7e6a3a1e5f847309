"""Features of a frozen Conv2D + BatchNormalization + ReLU block: what the Keras layers
compute at inference, whatever the batch size."""

import numpy as np
import pytest

from course import keras
from course.ops.frozen_features import extract_features


def _block(rng, c_in=2, c=5):
    return dict(W=0.5 * rng.standard_normal((3, 3, c_in, c)).astype(np.float32),
                b=0.1 * rng.standard_normal(c).astype(np.float32),
                gamma=(1 + 0.3 * rng.standard_normal(c)).astype(np.float32),
                beta=rng.standard_normal(c).astype(np.float32),
                moving_mean=rng.standard_normal(c).astype(np.float32),
                moving_var=rng.uniform(0.2, 2.0, c).astype(np.float32))


def test_equals_the_keras_layers_at_inference():
    rng = np.random.default_rng(0)
    x = rng.random((9, 8, 8, 2)).astype(np.float32)
    w = _block(rng)
    model = keras.Sequential([keras.Input(shape=(8, 8, 2)), keras.layers.Conv2D(5, 3),
                              keras.layers.BatchNormalization(), keras.layers.ReLU(),
                              keras.layers.GlobalAveragePooling2D()])
    model.layers[0].set_weights([w["W"], w["b"]])
    model.layers[1].set_weights([w["gamma"], w["beta"], w["moving_mean"], w["moving_var"]])
    expected = model.predict(x, verbose=0)
    np.testing.assert_allclose(extract_features(x, **w, batch_size=4), expected, rtol=1e-5,
                               atol=1e-6)


def test_the_features_do_not_depend_on_the_batch_size_nor_change_the_statistics():
    rng = np.random.default_rng(1)
    x = rng.random((7, 6, 6, 2))
    w = {k: v.astype(np.float64) for k, v in _block(rng).items()}
    mean0, var0 = w["moving_mean"].copy(), w["moving_var"].copy()
    one = extract_features(x, **w, batch_size=7)
    for batch_size in (1, 3, 100):
        np.testing.assert_allclose(extract_features(x, **w, batch_size=batch_size), one,
                                   rtol=1e-12)
    np.testing.assert_array_equal(w["moving_mean"], mean0)
    np.testing.assert_array_equal(w["moving_var"], var0)
    assert one.shape == (7, 5)


def test_a_bad_batch_size_is_named():
    with pytest.raises(ValueError, match="batch_size must be a positive int, got 0"):
        extract_features(np.zeros((2, 4, 4, 2)), **_block(np.random.default_rng(2)),
                         batch_size=0)
