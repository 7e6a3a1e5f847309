"""Keras's outputs of the applications with seeded weights, and two small weight files
written by Keras itself (legacy ``.h5`` and Keras 3 ``.weights.h5``).

Run under TensorFlow-Keras: /work/venvs/tf/bin/python make_applications_models.py
The architectures are Keras's full ones at 32x32 (without the top, or with a 5-class top
for MobileNetV2); their weights come from ``seeded_weights`` so the tests can regenerate
them with numpy alone instead of committing megabytes.
"""

import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import keras  # noqa: E402
from keras.src.legacy.saving import legacy_h5_format  # noqa: E402

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from __init__ import save  # noqa: E402
from seeded_weights import set_seeded_weights  # noqa: E402

import h5py  # noqa: E402

CASES = {
    "vgg16": lambda: keras.applications.VGG16(weights=None, include_top=False,
                                              input_shape=(32, 32, 3)),
    "vgg19": lambda: keras.applications.VGG19(weights=None, include_top=False,
                                              input_shape=(32, 32, 3), pooling="max"),
    "resnet50": lambda: keras.applications.ResNet50(weights=None, include_top=False,
                                                     input_shape=(32, 32, 3), pooling="avg"),
    "resnet50v2": lambda: keras.applications.ResNet50V2(weights=None, include_top=False,
                                                        input_shape=(32, 32, 3)),
    "mobilenetv2": lambda: keras.applications.MobileNetV2(weights=None, include_top=True,
                                                          classes=5, input_shape=(32, 32, 3)),
}


def small_model():
    """Conv2D, BatchNormalization, DepthwiseConv2D, ReLU6, Dense: every weight layout."""
    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Conv2D(4, 3, name="conv")(inputs)
    x = keras.layers.BatchNormalization(epsilon=1.001e-5, name="bn")(x)
    x = keras.layers.DepthwiseConv2D(3, strides=2, padding="same", name="dw")(x)
    x = keras.layers.ReLU(6.0, name="relu6")(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    outputs = keras.layers.Dense(3, name="dense")(x)
    return keras.Model(inputs, outputs, name="small")


def main():
    rng = np.random.default_rng(0)
    images = rng.uniform(-1, 1, (2, 32, 32, 3)).astype(np.float32)
    arrays = {"images": images}
    for name, build in CASES.items():
        model = build()
        set_seeded_weights(model)
        arrays[f"{name}_output"] = model(images, training=False).numpy()
        arrays[f"{name}_params"] = np.array(model.count_params())
        arrays[f"{name}_layers"] = np.array([layer.name for layer in model.layers
                                             if layer.weights])
        print(name, arrays[f"{name}_output"].shape, model.count_params())
    model = small_model()
    set_seeded_weights(model)
    small = rng.uniform(-1, 1, (2, 8, 8, 3)).astype(np.float32)
    arrays["small_images"], arrays["small_output"] = small, model(small, training=False).numpy()
    with h5py.File(HERE / "applications_small_legacy.h5", "w") as file:
        legacy_h5_format.save_weights_to_hdf5_group(file, model)
    model.save_weights(HERE / "applications_small.weights.h5")
    save("applications_models", arrays)


if __name__ == "__main__":
    main()
