"""Preprocessing layers: the deterministic ones against Keras 3's numbers
(tests/keras_reference/layers_preprocessing.npz), the random ones by their semantics."""

import numpy as np
import pytest
from gradcheck import assert_close, numerical_gradient
from keras_reference import load

from course.keras import layers
from course.keras.models import Sequential

REF = load("layers_preprocessing")
IMAGES, FEATURES = REF["images"], REF["features"]


def close(actual, name):
    np.testing.assert_allclose(actual, REF[name], rtol=1e-5, atol=1e-5, err_msg=name)


def test_rescaling_and_normalization_match_keras():
    close(layers.Rescaling(1 / 127.5, offset=-1)(IMAGES), "rescaling")
    norm = layers.Normalization()
    norm.adapt(FEATURES)
    close(norm(FEATURES), "norm_adapt")
    close(norm.mean, "norm_adapt_mean")
    close(norm.variance, "norm_adapt_var")
    batches = layers.Normalization(axis=-1)
    batches.adapt(IMAGES[i:i + 1] for i in range(len(IMAGES)))      # an iterable of batches
    close(batches(IMAGES), "norm_images")
    scalar = layers.Normalization(axis=None)
    scalar.adapt(FEATURES)
    close(scalar(FEATURES), "norm_axis_none")
    stats = dict(mean=[1.0, 2, 3, 4], variance=[4.0, 1, 9, 2])
    close(layers.Normalization(**stats)(FEATURES), "norm_given")
    close(layers.Normalization(**stats, invert=True)(FEATURES), "norm_invert")


@pytest.mark.parametrize("name, size", [("down", (4, 5)), ("up", (9, 13)), ("mixed", (3, 14))])
@pytest.mark.parametrize("interpolation", ["bilinear", "nearest"])
def test_resizing_matches_keras(name, size, interpolation):
    out = layers.Resizing(*size, interpolation=interpolation)(IMAGES)
    np.testing.assert_allclose(out, REF[f"resize_{name}_{interpolation}"], rtol=1e-5, atol=1e-3)


def test_crop_to_aspect_ratio_and_center_crop_match_keras():
    for name, size in (("resize_crop", (5, 5)), ("resize_crop_tall", (8, 3))):
        np.testing.assert_allclose(layers.Resizing(*size, crop_to_aspect_ratio=True)(IMAGES),
                                   REF[name], rtol=1e-5, atol=1e-3)
    close(layers.CenterCrop(4, 5)(IMAGES), "center_crop")
    np.testing.assert_allclose(layers.CenterCrop(8, 8)(IMAGES), REF["center_crop_up"],
                               rtol=1e-5, atol=1e-3)


@pytest.mark.parametrize("layer", [layers.Resizing(4, 5), layers.Resizing(5, 5, "nearest", True),
                                   layers.CenterCrop(4, 5), layers.CenterCrop(8, 8),
                                   layers.Normalization(mean=2.0, variance=3.0),
                                   layers.Rescaling(0.5, 1)])
def test_differentiable_preprocessing_backward(layer):
    x = IMAGES[:1, :, :, :2].astype(np.float64) / 255
    out, cache = layer.forward(x)
    dout = np.random.default_rng(1).normal(size=out.shape)
    dx, _ = layer.backward(dout, cache)
    assert_close(dx, numerical_gradient(lambda v: layer.forward(v)[0], x, dout), what="dx")


def test_category_encoding_and_discretization_match_keras():
    tokens = REF["tokens"]
    for mode in ("multi_hot", "count"):
        close(layers.CategoryEncoding(num_tokens=6, output_mode=mode)(tokens),
              f"category_{mode}")
    close(layers.CategoryEncoding(6, output_mode="one_hot")(np.array([3, 0, 5])),
          "category_one_hot")
    close(layers.Discretization(bin_boundaries=[-1.0, 0.0, 0.5])(REF["values"]),
          "discretize_bounds")
    disc = layers.Discretization(num_bins=4)
    disc.adapt(FEATURES)
    close(disc.bin_boundaries, "discretize_adapt_bounds")
    close(disc(FEATURES), "discretize_adapt")


def test_string_lookup_matches_keras():
    vocab, words = ["a", "b", "c", "d"], REF["words"]
    close(layers.StringLookup(vocabulary=vocab)(words), "string_int")
    close(layers.StringLookup(vocabulary=vocab, mask_token="")(words), "string_mask")
    for mode in ("multi_hot", "count"):
        close(layers.StringLookup(vocabulary=vocab, output_mode=mode)(words), f"string_{mode}")
    close(layers.StringLookup(vocabulary=vocab, output_mode="one_hot")(["b", "q", "d"]),
          "string_one_hot")
    inverse = layers.StringLookup(vocabulary=vocab, invert=True)
    np.testing.assert_array_equal(inverse(np.array([[1, 4, 0], [2, 3, 3]])), REF["string_invert"])
    corpus = np.array(["the", "cat", "the", "dog", "a", "cat", "the", "bird"])
    adapted = layers.StringLookup()
    adapted.adapt(corpus)
    assert adapted.get_vocabulary() == REF["string_adapt_vocab"].tolist()
    assert adapted.vocabulary_size() == int(REF["string_adapt_size"])
    limited = layers.StringLookup(max_tokens=4)
    limited.adapt([corpus[:4], corpus[4:]])
    assert limited.get_vocabulary() == REF["string_adapt_limited_vocab"].tolist()
    two = layers.StringLookup(vocabulary=vocab, num_oov_indices=2)
    out = two(np.array(["z", "z", "b", "y"]))
    assert out[0] == out[1] and out[2] == 3 and set(out[[0, 3]]) <= {0, 1}


def test_integer_lookup_matches_keras():
    ints = REF["ints"]
    close(layers.IntegerLookup(vocabulary=[12, 3, 7])(ints), "integer_int")
    close(layers.IntegerLookup(vocabulary=[12, 3, 7], mask_token=0)(ints), "integer_mask")
    close(layers.IntegerLookup(vocabulary=[12, 3, 7], output_mode="multi_hot")(ints),
          "integer_multi_hot")
    adapted = layers.IntegerLookup()
    adapted.adapt(np.array([5, 5, 9, 1, 9, 9, 2]))
    assert adapted.get_vocabulary() == REF["integer_adapt_vocab"].tolist()
    close(layers.IntegerLookup(vocabulary=[12, 3, 7], invert=True)(np.array([0, 1, 3])),
          "integer_invert")


def test_random_flip_flips_when_training_only_and_repeats_with_a_seed():
    x = np.arange(2 * 3 * 4, dtype=np.float32).reshape(1, 3, 4, 2).repeat(16, axis=0)
    flip = layers.RandomFlip("horizontal", seed=5)
    out = flip(x, training=True)
    flipped = np.all(out == x[:, :, ::-1], axis=(1, 2, 3))
    kept = np.all(out == x, axis=(1, 2, 3))
    assert np.all(flipped | kept) and flipped.any() and kept.any()
    np.testing.assert_array_equal(layers.RandomFlip("horizontal", seed=5)(x), out)
    np.testing.assert_array_equal(flip(x, training=False), x)
    vertical = layers.RandomFlip("vertical", seed=2)(x)
    assert np.all(np.all(vertical == x[:, ::-1], axis=(1, 2, 3)) | np.all(vertical == x,
                                                                         axis=(1, 2, 3)))
    out, cache = flip.forward(x, training=True)
    dout = np.random.default_rng(0).normal(size=x.shape)
    assert_close(flip.backward(dout, cache)[0], numerical_gradient(
        lambda v: flip._flip(v, *cache), x.astype(np.float64), dout), what="dx")


@pytest.mark.parametrize("make", [
    lambda: layers.RandomRotation(0.2, seed=1), lambda: layers.RandomZoom(0.3, seed=1),
    lambda: layers.RandomTranslation(0.2, 0.3, seed=1),
    lambda: layers.RandomContrast(0.5, seed=1), lambda: layers.RandomCrop(4, 5, seed=1),
])
def test_random_layers_are_seeded_ranged_and_identity_at_inference(make):
    x = np.random.default_rng(3).uniform(0, 255, (4, 6, 9, 3)).astype(np.float32)
    a, b = make(), make()
    out = a(x, training=True)
    np.testing.assert_array_equal(out, b(x, training=True))
    assert out.dtype == np.float32 and out.min() >= 0 and out.max() <= 255
    assert not np.array_equal(out, a(x, training=True))         # fresh draws per call
    if isinstance(a, layers.RandomCrop):
        assert out.shape == (4, 4, 5, 3)
        np.testing.assert_array_equal(a(x, training=False), layers.Resizing(
            4, 5, crop_to_aspect_ratio=True)(x))
    else:
        assert out.shape == x.shape and not np.allclose(out, x)
        np.testing.assert_array_equal(a(x, training=False), x)


def test_random_rotation_by_a_quarter_turn_rotates():
    x = np.random.default_rng(0).uniform(size=(1, 5, 5, 1)).astype(np.float32)
    out = layers.RandomRotation((0.25, 0.25))(x, training=True)
    rotated = np.rot90(x[0, :, :, 0])
    assert np.allclose(out[0, :, :, 0], rotated, atol=1e-5) or \
        np.allclose(out[0, :, :, 0], np.rot90(x[0, :, :, 0], -1), atol=1e-5)


def test_augmentation_is_off_in_predict_and_on_in_fit():
    x = np.random.default_rng(0).uniform(size=(8, 6, 6, 1)).astype(np.float32)
    model = Sequential([layers.Input((6, 6, 1)), layers.RandomFlip(seed=0),
                        layers.RandomRotation(0.1, seed=0), layers.Flatten(), layers.Dense(1)])
    np.testing.assert_array_equal(model.predict(x, verbose=0), model.predict(x, verbose=0))
    model.compile("sgd", "mse")
    model.fit(x, np.ones((8, 1)), epochs=1, verbose=0)


@pytest.mark.parametrize("make, data, message", [
    (lambda: layers.RandomFlip("diagonal"), None, "unknown mode"),
    (lambda: layers.CategoryEncoding(3, output_mode="tf_idf"), None, "output_mode"),
    (lambda: layers.CategoryEncoding(3), np.array([[0, 5]]), "0 <= values < num_tokens=3"),
    (lambda: layers.Resizing(3, 3, interpolation="lanczos3"), None, "interpolation"),
    (lambda: layers.Resizing(3, 3), np.zeros((4, 4)), "expected ndim=4"),  # (H, W, C) is one image
    (lambda: layers.StringLookup(output_mode="tfidf"), None, "output_mode"),
    (lambda: layers.StringLookup(vocabulary=["a"]), np.array([1, 2]), "expects strings"),
    (lambda: layers.Normalization(), np.zeros((2, 3)), "adapt"),
    (lambda: layers.Discretization(), None, "num_bins"),
    (lambda: layers.RandomRotation(0.1, fill_mode="mirror"), None, "fill_mode"),
])
def test_bad_preprocessing_arguments_get_clear_errors(make, data, message):
    with pytest.raises(ValueError, match=message):
        make()(data)
