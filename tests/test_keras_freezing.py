"""Freezing, against Keras 3's own numbers (tests/keras_reference/make_ch12_transfer.py):
the trainable counts of a nested base as its layers freeze, and a frozen
BatchNormalization that runs in inference mode even when called with training=True."""

import numpy as np
import pytest

from course import keras
from course.keras.models.param_counts import layer_specs, trainable_count
from keras_reference import load

REF = load("ch12_transfer")


def test_trainable_counts_as_layers_freeze_match_keras():
    base = keras.Sequential([keras.Input(shape=(8, 8, 1)), keras.layers.Conv2D(4, 3),
                             keras.layers.BatchNormalization(), keras.layers.Flatten(),
                             keras.layers.Dense(3)])
    model = keras.Sequential([base, keras.layers.Dense(2)])

    def counts():
        trainable = int(sum(w.value.size for w in model.trainable_weights))
        by_spec = trainable_count(layer_specs(model), model_trainable=model.trainable)
        assert by_spec == (trainable, model.count_params() - trainable)
        return list(by_spec)

    assert counts() == REF["all_trainable"].tolist()
    base.layers[0].trainable = False
    assert counts() == REF["conv_frozen"].tolist()
    base.layers[1].trainable = False
    assert counts() == REF["conv_and_bn_frozen"].tolist()
    base.trainable = False
    assert counts() == REF["base_frozen"].tolist()
    model.trainable = False
    assert counts() == REF["model_frozen"].tolist()


@pytest.mark.parametrize("key", ["trainable", "frozen"])
def test_batch_norm_with_training_true_trainable_and_frozen_match_keras(key):
    x = REF["bn_x"]
    bn = keras.layers.BatchNormalization(momentum=0.9)
    bn.build_for(x.shape)
    bn.set_weights(list(REF["bn_weights"]))
    bn.trainable = key == "trainable"
    np.testing.assert_allclose(bn(x, training=True), REF[f"bn_{key}_out"], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(bn.moving_mean.value, REF[f"bn_{key}_moving_mean"], rtol=1e-5)
    np.testing.assert_allclose(bn.moving_variance.value, REF[f"bn_{key}_moving_var"], rtol=1e-5)
    if key == "frozen":
        np.testing.assert_array_equal(bn.moving_mean.value, REF["bn_weights"][2])
