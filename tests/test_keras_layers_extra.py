"""The extra layers: outputs against Keras 3's (tests/keras_reference/layers_extra.npz),
backward passes against central differences in float64, and clear errors."""

import numpy as np
import pytest
from gradcheck import assert_close, numerical_gradient
from keras_reference import load

from course.keras import layers
from course.keras.models import Model, Sequential

REF = load("layers_extra")


def keras_case(name, layer, x):
    """``layer`` built on ``x`` with Keras's seeded weights; its output against Keras's."""
    layer.build_for(x.shape)
    weights = [REF[f"{name}_w{i}"] for i in range(len(layer.weights))]
    if weights:
        layer.set_weights(weights)
    np.testing.assert_allclose(layer(x), REF[name], rtol=1e-5, atol=1e-5, err_msg=name)
    return layer


CASES = [
    ("softmax_axis1", lambda: layers.Softmax(axis=1), "x3"),
    ("relu_args", lambda: layers.ReLU(max_value=1.5, negative_slope=0.1, threshold=0.2), "x2"),
    ("relu_default", layers.ReLU, "x2"),
    ("leaky_relu", layers.LeakyReLU, "x2"),
    ("leaky_relu_02", lambda: layers.LeakyReLU(negative_slope=0.2), "x2"),
    ("prelu_shared", lambda: layers.PReLU(shared_axes=[1, 2]), "x4"),
    ("prelu", layers.PReLU, "x3"),
    ("elu", lambda: layers.ELU(alpha=0.7), "x2"),
    ("permute", lambda: layers.Permute((2, 1)), "x3"),
    ("permute3", lambda: layers.Permute((3, 1, 2)), "x4"),
    ("repeat_vector", lambda: layers.RepeatVector(3), "x2"),
    ("upsampling_nearest", lambda: layers.UpSampling2D(size=(2, 3)), "x4"),
    ("upsampling_bilinear", lambda: layers.UpSampling2D((2, 3), interpolation="bilinear"), "x4"),
    ("convT_same_s2", lambda: layers.Conv2DTranspose(4, 3, strides=2, padding="same"), "x4"),
    ("convT_valid_op", lambda: layers.Conv2DTranspose(2, (3, 2), strides=(2, 3),
                                                      output_padding=(1, 2)), "x4"),
    ("convT_same_s1", lambda: layers.Conv2DTranspose(3, 3, padding="same", use_bias=False),
     "x4"),
    ("convT_same_op", lambda: layers.Conv2DTranspose(2, 4, strides=2, padding="same",
                                                     output_padding=1), "x4"),
    ("convT_dil", lambda: layers.Conv2DTranspose(2, 3, dilation_rate=2), "x4"),
    ("separable", lambda: layers.SeparableConv2D(5, 3, depth_multiplier=2, padding="same"),
     "x4"),
    ("separable_s2", lambda: layers.SeparableConv2D(4, (3, 2), strides=2), "x4"),
    ("depthwise", lambda: layers.DepthwiseConv2D(3, depth_multiplier=2), "x4"),
    ("depthwise_same_s2", lambda: layers.DepthwiseConv2D((2, 3), strides=2, padding="same"),
     "x4"),
    ("layernorm", layers.LayerNormalization, "x3"),
    ("layernorm_axes", lambda: layers.LayerNormalization(axis=[1, 2]), "x4"),
    ("layernorm_plain", lambda: layers.LayerNormalization(center=False, scale=False,
                                                          epsilon=1e-5), "x3"),
    ("cropping", lambda: layers.Cropping2D(((1, 2), (0, 3))), "x4"),
    ("cropping_int", lambda: layers.Cropping2D(1), "x4"),
    ("identity", layers.Identity, "x3"),
]


@pytest.mark.parametrize("name, make, x", CASES, ids=[c[0] for c in CASES])
def test_output_matches_keras(name, make, x):
    layer = keras_case(name, make(), REF[x])
    assert layer.compute_output_shape((None,) + REF[x].shape[1:]) == \
        (None,) + REF[name].shape[1:]


@pytest.mark.parametrize("name, make, x", CASES, ids=[c[0] for c in CASES])
def test_backward_matches_central_differences(name, make, x):
    layer = make()
    layer.dtype = np.dtype(np.float64)
    x = REF[x].astype(np.float64) + 0.05      # off the kinks of the piecewise-linear layers
    layer.build_for(x.shape)
    layer.set_weights([REF[f"{name}_w{i}"].astype(np.float64)
                       for i in range(len(layer.weights))])
    out, cache = layer.forward(x, training=False)
    dout = np.random.default_rng(0).normal(size=out.shape)
    dx, grads = layer.backward(dout, cache)
    assert_close(dx, numerical_gradient(lambda v: layer.forward(v)[0], x, dout), what="dx")
    for w, g in zip(layer.weights, grads):
        def f(value, w=w):
            w.value[...] = value
            return layer.forward(x)[0]
        assert_close(g, numerical_gradient(f, w.value, dout), what=w.name)


def test_lambda_runs_numpy_functions_and_says_it_has_no_gradient():
    lam = layers.Lambda(lambda x: x[:, ::2] * 2)
    x = np.arange(12, dtype=np.float32).reshape(2, 6)
    np.testing.assert_array_equal(lam(x), x[:, ::2] * 2)
    model = Sequential([layers.Input((6,)), lam, layers.Dense(1)])
    assert model.output_shape == (None, 1)
    model.compile("sgd", "mse")
    model.fit(x, np.ones((2, 1)), epochs=1, verbose=0)
    below = Sequential([layers.Input((6,)), layers.Dense(4), layers.Lambda(np.tanh),
                        layers.Dense(1)])
    below.compile("sgd", "mse")
    with pytest.raises(ValueError, match="no gradient.*cannot be trained"):
        below.fit(x, np.ones((2, 1)), epochs=1, verbose=0)
    assert layers.Lambda(np.sum, output_shape=(1,)).compute_output_shape((None, 3)) == (None, 1)


def test_a_functional_model_trains_with_a_lambda_at_its_input():
    inputs = layers.Input((6,))
    outputs = layers.Dense(1)(layers.Lambda(lambda v: v / 10)(inputs))
    model = Model(inputs, outputs)
    model.compile("sgd", "mse")
    history = model.fit(np.ones((4, 6)), np.ones((4, 1)), epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2


def test_spatial_dropout_drops_whole_channels_and_gaussian_noise_only_trains():
    x = np.ones((4, 5, 5, 8), np.float32)
    drop = layers.SpatialDropout2D(0.5, seed=3)
    out = drop(x, training=True)
    per_channel = out.reshape(4, 25, 8)
    assert np.all(per_channel.min(axis=1) == per_channel.max(axis=1))
    assert set(np.unique(out)) == {0.0, 2.0}
    np.testing.assert_array_equal(drop(x), x)
    a, b = layers.GaussianNoise(0.5, seed=1), layers.GaussianNoise(0.5, seed=1)
    noisy = a(x, training=True)
    np.testing.assert_array_equal(noisy, b(x, training=True))
    assert abs(np.std(noisy - x) - 0.5) < 0.05 and noisy.dtype == np.float32
    np.testing.assert_array_equal(a(x), x)


def test_new_layers_train_inside_a_model():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(8, 6, 6, 2)).astype(np.float32)
    model = Sequential([layers.Input((6, 6, 2)), layers.SeparableConv2D(4, 3, padding="same"),
                        layers.PReLU(shared_axes=[1, 2]), layers.Conv2DTranspose(3, 2, strides=2),
                        layers.DepthwiseConv2D(3), layers.LayerNormalization(),
                        layers.UpSampling2D(), layers.Cropping2D(2), layers.Flatten(),
                        layers.Dense(2), layers.Softmax()])
    model.compile("adam", "sparse_categorical_crossentropy")
    history = model.fit(x, np.arange(8) % 2, epochs=5, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]


@pytest.mark.parametrize("make, shape, message", [
    (lambda: layers.Conv2DTranspose(2, 3), (2, 5, 3), "expected ndim=4"),
    (lambda: layers.UpSampling2D(interpolation="cubic"), None, "interpolation"),
    (lambda: layers.RepeatVector(2), (2, 3, 4), "expected ndim=2"),
    (lambda: layers.Permute((1, 3)), None, "consecutive"),
    (lambda: layers.Cropping2D(3), (1, 5, 9, 1), "leaves nothing"),
    (lambda: layers.LayerNormalization(axis=4), (2, 3, 4), "axis=4"),
    (lambda: layers.ReLU(max_value=-1), None, "max_value"),
    (lambda: layers.ReLU(negative_slope=None), None, "negative_slope of a ReLU layer cannot "
                                                     "be None"),
    (lambda: layers.ReLU(threshold=-0.5), None, "threshold"),
    (lambda: layers.Conv2DTranspose(2, 3, strides=2, output_padding=2), None,
     "greater than output_padding"),
])
def test_bad_arguments_and_inputs_get_clear_errors(make, shape, message):
    with pytest.raises(ValueError, match=message):
        layer = make()
        layer(np.zeros(shape, np.float32))


def test_a_model_of_the_new_layers_saves_and_loads(tmp_path):
    from course.keras.models import load_model
    x = np.random.default_rng(0).normal(size=(2, 8, 8, 3)).astype(np.float32)
    model = Sequential([
        layers.Input((8, 8, 3)), layers.Rescaling(0.5), layers.Normalization(mean=0.1,
                                                                             variance=2.0),
        layers.RandomFlip(seed=1), layers.RandomRotation(0.1), layers.Resizing(6, 6),
        layers.CenterCrop(5, 5), layers.SeparableConv2D(4, 3, padding="same"),
        layers.DepthwiseConv2D(3, padding="same", depth_multiplier=2),
        layers.Conv2DTranspose(3, 2, strides=2, output_padding=1),
        layers.PReLU(shared_axes=[1, 2]), layers.ReLU(max_value=6.0), layers.LeakyReLU(),
        layers.ELU(), layers.LayerNormalization(), layers.UpSampling2D(interpolation="bilinear"),
        layers.Cropping2D(1), layers.SpatialDropout2D(0.1), layers.GaussianNoise(0.1),
        layers.Identity(), layers.Flatten(), layers.RepeatVector(2), layers.Permute((2, 1)),
        layers.Flatten(), layers.Dense(3), layers.Softmax()])
    model.save(tmp_path / "m.keras")
    loaded = load_model(tmp_path / "m.keras")
    np.testing.assert_allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0),
                               rtol=1e-6)
    assert [type(a).__name__ for a in loaded.layers] == [type(a).__name__ for a in model.layers]
