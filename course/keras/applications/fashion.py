"""The course's own pretrained networks: small VGG-style and MobileNet-style convnets
trained on Fashion-MNIST (28x28 grayscale, 10 classes), shipped in the package so that
transfer learning works on an offline machine. ``weights="fashion_mnist"`` loads them
(checked against their md5); ``course/examples/train_fashion_features.py`` made them.
A small sample of Fashion-MNIST's test images ships beside them (:func:`load_sample`).

    base = FashionVGG(weights="fashion_mnist", include_top=False, pooling="avg")
"""

from pathlib import Path

import numpy as np

from course.data.download import ChecksumError, file_checksum
from course.keras.applications import application, weights_file
from course.keras.layers import (BatchNormalization, Conv2D, DepthwiseConv2D, MaxPooling2D,
                                 ReLU)

WEIGHTS_DIR = Path(__file__).parent / "weights"
# file name -> md5, as course/examples/train_fashion_features.py (3 epochs, seed 0) printed
# them; Fashion-MNIST test accuracy 0.865 (FashionVGG) and 0.850 (FashionMobileNet)
WEIGHTS_MD5 = {
    "fashion_vgg.h5": "800cd446bab87e6adf218e506672c975",
    "fashion_vgg_notop.h5": "95854941526941e55e1d357f68a0e045",
    "fashion_mobilenet.h5": "7a47b0956f16c2b869c5eaf902afc488",
    "fashion_mobilenet_notop.h5": "c98f57ef8a8891b5e571afb841e3b01f",
}
PRETRAINED = ("fashion_mnist",)
# 50 images of each class from Fashion-MNIST's test split (which the networks never trained
# on), the first of each in the split's order: enough to see them work, offline
SAMPLE_FILE = "fashion_mnist_test_sample.npz"
SAMPLE_MD5 = "9b6f74ff445520ec7bf6b43ba4b4fa23"


def _checked(file, md5):
    """The path of shipped ``file`` once its md5 is ``md5``, else a ChecksumError."""
    path = WEIGHTS_DIR / file
    found = file_checksum(path) if path.exists() else None
    if found != md5:
        raise ChecksumError(f"{path}: md5 is {found}, expected {md5}; reinstall the course or "
                            "rerun its training script")
    return path


def load_sample():
    """``(x, y)``: the shipped Fashion-MNIST sample as ``fashion_mnist.load_data()`` gives a
    split: ``x`` uint8 ``(500, 28, 28)``, ``y`` uint8 ``(500,)`` (50 of each class)."""
    with np.load(_checked(SAMPLE_FILE, SAMPLE_MD5), allow_pickle=False) as data:
        return data["x"], data["y"]


def _input(input_tensor, input_shape):
    shape = (28, 28, 1) if input_shape is None else tuple(input_shape)
    if len(shape) != 3 or any(d is not None and d < 16 for d in shape[:2]):
        raise ValueError(f"input_shape must be (height, width, channels) with height and width "
                         f"at least 16. Received: input_shape={input_shape}")
    return application.image_input(input_tensor, shape)


def _finish(img_input, input_tensor, x, name, include_top, weights, pooling, classes,
            classifier_activation):
    application.check_weights(weights, include_top, classes, PRETRAINED, top_classes=10)
    x = application.top_or_pooling(x, include_top, pooling, classes, classifier_activation,
                                   weights)
    model = application.finish(img_input, input_tensor, x, name, None)
    if weights == "fashion_mnist":
        file = f"{name}{'' if include_top else '_notop'}.h5"
        weights_file.load_weights(model, _checked(file, WEIGHTS_MD5.get(file)))
    elif weights is not None:
        weights_file.load_weights(model, weights)
    return model


def FashionVGG(include_top=True, weights="fashion_mnist", input_tensor=None, input_shape=None,
               pooling=None, classes=10, classifier_activation="softmax"):
    """Three VGG blocks (16, 32, 64 filters; 2, 2, 1 ReLU 3x3 convolutions, 2x2 pooling):
    ``(N, 28, 28, 1) -> (N, 3, 3, 64)``; the top is global average pooling + Dense."""
    img_input = _input(input_tensor, input_shape)
    x = img_input
    for block, (filters, convs) in enumerate(((16, 2), (32, 2), (64, 1)), start=1):
        for i in range(1, convs + 1):
            x = Conv2D(filters, 3, activation="relu", padding="same",
                       name=f"block{block}_conv{i}")(x)
        x = MaxPooling2D(2, name=f"block{block}_pool")(x)
    return _finish(img_input, input_tensor, x, "fashion_vgg", include_top, weights, pooling,
                   classes, classifier_activation)


def FashionMobileNet(include_top=True, weights="fashion_mnist", input_tensor=None,
                     input_shape=None, pooling=None, classes=10, classifier_activation="softmax"):
    """A stride-2 stem and three depthwise-separable blocks (depthwise 3x3, BN, ReLU6,
    pointwise 1x1, BN, ReLU6) with MobileNet's names: ``(N, 28, 28, 1) -> (N, 4, 4, 96)``."""
    img_input = _input(input_tensor, input_shape)
    x = Conv2D(16, 3, strides=2, padding="same", use_bias=False, name="Conv1")(img_input)
    x = ReLU(6.0, name="Conv1_relu")(BatchNormalization(name="bn_Conv1")(x))
    for i, (filters, stride) in enumerate(((32, 1), (64, 2), (96, 1)), start=1):
        x = DepthwiseConv2D(3, strides=stride, padding="same", use_bias=False,
                            name=f"conv_dw_{i}")(x)
        x = ReLU(6.0, name=f"conv_dw_{i}_relu")(BatchNormalization(name=f"conv_dw_{i}_bn")(x))
        x = Conv2D(filters, 1, use_bias=False, name=f"conv_pw_{i}")(x)
        x = ReLU(6.0, name=f"conv_pw_{i}_relu")(BatchNormalization(name=f"conv_pw_{i}_bn")(x))
    return _finish(img_input, input_tensor, x, "fashion_mobilenet", include_top, weights,
                   pooling, classes, classifier_activation)
