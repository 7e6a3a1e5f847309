"""Conv1D and the 1-D pooling layers give Keras 3's numbers for the same weights
(tests/keras_reference/make_text_conv1d.py), and train inside a model."""

import numpy as np
import pytest

from course.keras import layers
from course.keras.models import Sequential
from course.keras.optimizers import Adam
from keras_reference import load

REF = load("text_conv1d")
CONV = {
    "valid": dict(kernel_size=3),
    "same": dict(kernel_size=4, padding="same"),
    "causal": dict(kernel_size=3, padding="causal"),
    "causal_dilated": dict(kernel_size=3, padding="causal", dilation_rate=2),
    "strided_same": dict(kernel_size=3, strides=2, padding="same"),
    "strided_valid": dict(kernel_size=2, strides=3),
    "dilated_same": dict(kernel_size=2, dilation_rate=3, padding="same"),
    "causal_strided": dict(kernel_size=4, strides=2, padding="causal"),
}
POOL = {"2": (2, None, "valid"), "3_same": (3, None, "same"), "3_2": (3, 2, "valid"),
        "3_2_same": (3, 2, "same"), "4_1_same": (4, 1, "same")}


@pytest.mark.parametrize("name", sorted(CONV))
def test_conv1d_matches_keras(name):
    layer = layers.Conv1D(5, activation="relu", **CONV[name])
    layer.build_for(REF["x"].shape)
    layer.set_weights([REF[f"conv_{name}_kernel"], REF[f"conv_{name}_bias"]])
    out = layer(REF["x"])
    expected = REF[f"conv_{name}_out"]
    assert out.shape == expected.shape
    assert layer.compute_output_shape((None,) + REF["x"].shape[1:]) == (None,) + expected.shape[1:]
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", sorted(POOL))
def test_pooling1d_matches_keras(name):
    pool, strides, padding = POOL[name]
    for kind, cls in (("max", layers.MaxPooling1D), ("avg", layers.AveragePooling1D)):
        layer = cls(pool_size=pool, strides=strides, padding=padding)
        expected = REF[f"{kind}pool_{name}"]
        np.testing.assert_allclose(layer(REF["x"]), expected, rtol=1e-6, atol=1e-6)
        assert layer.compute_output_shape((None, 11, 4)) == (None,) + expected.shape[1:]


def test_global_pooling1d_matches_keras():
    x = REF["x"]
    np.testing.assert_allclose(layers.GlobalAveragePooling1D()(x), REF["gap"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(layers.GlobalAveragePooling1D(keepdims=True)(x),
                               REF["gap_keepdims"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(layers.GlobalMaxPooling1D()(x), REF["gmp"], rtol=1e-6)
    masked = layers.GlobalAveragePooling1D().call(x, mask=REF["mask"])
    np.testing.assert_allclose(masked, REF["gap_masked"], rtol=1e-6, atol=1e-7)
    # the mask Keras's Embedding(mask_zero=True) makes is ids != 0
    ids = REF["embedding_ids"]
    vectors = REF["embedding_table"][ids]
    np.testing.assert_allclose(layers.GlobalAveragePooling1D().call(vectors, mask=ids != 0),
                               REF["embedding_gap"], rtol=1e-6, atol=1e-7)
    assert layers.GlobalAveragePooling1D.supports_masking
    assert layers.GlobalAveragePooling1D().compute_mask(x, REF["mask"]) is None


def test_layer_arguments_and_errors():
    conv = layers.Conv1D(8, 5, padding="causal", name="c")
    assert conv.get_config()["kernel_size"] == [5] and conv.get_config()["padding"] == "causal"
    assert layers.Conv1D.from_config(conv.get_config()).kernel_size == (5,)
    with pytest.raises(ValueError, match="padding"):
        layers.Conv1D(8, 5, padding="full")
    with pytest.raises(ValueError, match="kernel_size"):
        layers.Conv1D(8, (5, 5))
    with pytest.raises(ValueError, match=r'"c1".*expected ndim=3'):
        layers.Conv1D(8, 3, name="c1")(np.zeros((2, 8, 8, 1), np.float32))
    with pytest.raises(ValueError, match="expected ndim=3"):
        layers.MaxPooling1D()(np.zeros((2, 8, 8, 1), np.float32))
    assert layers.MaxPooling1D().pool_size == (2,) and layers.MaxPooling1D().strides == (2,)
    assert layers.Conv1D(1, 3).get_config()["strides"] == [1]


def test_a_conv1d_model_learns_where_a_pattern_is():
    """Sequences with a rising ramp somewhere in them against pure noise."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((256, 32, 1)).astype(np.float32) * 0.3
    y = rng.integers(0, 2, 256)
    for i in np.flatnonzero(y):
        start = rng.integers(0, 27)
        x[i, start:start + 5, 0] += np.linspace(-1, 1, 5)
    model = Sequential([layers.Input((32, 1)), layers.Conv1D(8, 5, activation="relu"),
                        layers.MaxPooling1D(2), layers.Conv1D(8, 3, padding="causal"),
                        layers.GlobalMaxPooling1D(), layers.Dense(1, activation="sigmoid")])
    model.compile(Adam(0.01), "binary_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=15, batch_size=32, verbose=0)
    assert history.history["loss"][-1] < 0.5 * history.history["loss"][0]
    assert history.history["accuracy"][-1] > 0.9


def test_the_mask_of_an_embedding_reaches_global_average_pooling():
    model = Sequential([layers.Input((5,), dtype="int32"), layers.Embedding(10, 4, mask_zero=True),
                        layers.GlobalAveragePooling1D()])
    model.layers[0].set_weights([REF["embedding_table"]])
    np.testing.assert_allclose(model.predict(REF["embedding_ids"], verbose=0),
                               REF["embedding_gap"], rtol=1e-6, atol=1e-7)
