"""Keras 3 outputs of the extra layers (activations as layers, Conv2DTranspose, separable and
depthwise convolutions, LayerNormalization, reshaping layers), given seeded inputs and weights.

Run with TensorFlow-Keras: ``tf/bin/python tests/keras_reference/make_layers_extra.py``.
"""

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras_reference import save  # noqa: E402

rng = np.random.default_rng(7)
x2 = rng.normal(size=(4, 5)).astype("float32")
x3 = rng.normal(size=(2, 4, 5)).astype("float32")
x4 = rng.normal(size=(2, 6, 7, 3)).astype("float32")
out = {"x2": x2, "x3": x3, "x4": x4}


def run(name, layer, x, weights=None):
    """Build ``layer`` on ``x``, set seeded ``weights`` (shapes from Keras) and store both."""
    layer.build(x.shape)
    if weights is None and layer.weights:
        weights = [rng.normal(size=w.shape).astype("float32") for w in layer.weights]
    if weights:
        layer.set_weights(weights)
        for i, w in enumerate(weights):
            out[f"{name}_w{i}"] = w
    out[name] = keras.ops.convert_to_numpy(layer(x))


L = keras.layers
run("softmax_axis1", L.Softmax(axis=1), x3)
run("relu_args", L.ReLU(max_value=1.5, negative_slope=0.1, threshold=0.2), x2)
run("relu_default", L.ReLU(), x2)
run("leaky_relu", L.LeakyReLU(), x2)
run("leaky_relu_02", L.LeakyReLU(negative_slope=0.2), x2)
run("prelu_shared", L.PReLU(shared_axes=[1, 2]), x4)
run("prelu", L.PReLU(), x3)
run("elu", L.ELU(alpha=0.7), x2)
run("permute", L.Permute((2, 1)), x3)
run("permute3", L.Permute((3, 1, 2)), x4)
run("repeat_vector", L.RepeatVector(3), x2)
run("upsampling_nearest", L.UpSampling2D(size=(2, 3)), x4)
run("upsampling_bilinear", L.UpSampling2D(size=(2, 3), interpolation="bilinear"), x4)
run("convT_same_s2", L.Conv2DTranspose(4, 3, strides=2, padding="same"), x4)
run("convT_valid_op", L.Conv2DTranspose(2, (3, 2), strides=(2, 3), padding="valid",
                                        output_padding=(1, 2)), x4)
run("convT_same_s1", L.Conv2DTranspose(3, 3, padding="same", use_bias=False), x4)
run("convT_same_op", L.Conv2DTranspose(2, 4, strides=2, padding="same", output_padding=1), x4)
run("convT_dil", L.Conv2DTranspose(2, 3, dilation_rate=2), x4)
run("separable", L.SeparableConv2D(5, 3, depth_multiplier=2, padding="same"), x4)
run("separable_s2", L.SeparableConv2D(4, (3, 2), strides=2), x4)
run("depthwise", L.DepthwiseConv2D(3, depth_multiplier=2), x4)
run("depthwise_same_s2", L.DepthwiseConv2D((2, 3), strides=2, padding="same"), x4)
run("layernorm", L.LayerNormalization(), x3)
run("layernorm_axes", L.LayerNormalization(axis=[1, 2]), x4)
run("layernorm_plain", L.LayerNormalization(center=False, scale=False, epsilon=1e-5), x3)
run("cropping", L.Cropping2D(((1, 2), (0, 3))), x4)
run("cropping_int", L.Cropping2D(1), x4)
run("identity", L.Identity(), x3)
save("layers_extra", out)
print(f"saved {len(out)} arrays")
