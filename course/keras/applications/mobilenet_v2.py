"""``MobileNetV2`` (Sandler et al., 2018; ``keras.applications.mobilenet_v2``): inverted
residual blocks. Each block expands the channels ``expansion`` times with a 1x1
convolution, filters each channel alone with a 3x3 ``DepthwiseConv2D``, and projects back
with a linear 1x1 convolution; a block that keeps the shape adds its input. ReLU6 throughout.
Keras's names: ``Conv1``, ``expanded_conv_depthwise``, ``block_1_expand``, ``Conv_1``.
"""

import warnings

from course.keras.applications import application, imagenet_utils
from course.keras.applications.weights_cache import mobilenet_v2_file
from course.keras.layers import (Add, BatchNormalization, Conv2D, DepthwiseConv2D, ReLU,
                                 ZeroPadding2D)

# (filters, stride, expansion) of blocks 0..16
BLOCKS = ((16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6), (64, 2, 6),
          (64, 1, 6), (64, 1, 6), (64, 1, 6), (96, 1, 6), (96, 1, 6), (96, 1, 6), (160, 2, 6),
          (160, 1, 6), (160, 1, 6), (320, 1, 6))
SIZES = (96, 128, 160, 192, 224)


def make_divisible(v, divisor=8, min_value=None):
    """``v`` rounded to a multiple of ``divisor``, never below 90% of ``v``."""
    min_value = divisor if min_value is None else min_value
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    return new_v + divisor if new_v < 0.9 * v else new_v


def _bn(name):
    return BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name=name)


def inverted_res_block(inputs, expansion, stride, alpha, filters, block_id):
    """Expand (1x1), depthwise 3x3 (``stride``), project (1x1, linear), maybe add."""
    in_channels = inputs.shape[-1]
    pointwise_filters = make_divisible(int(filters * alpha), 8)
    x, prefix = inputs, f"block_{block_id}_"
    if block_id:
        x = Conv2D(expansion * in_channels, kernel_size=1, padding="same", use_bias=False,
                   name=f"{prefix}expand")(x)
        x = ReLU(6.0, name=f"{prefix}expand_relu")(_bn(f"{prefix}expand_BN")(x))
    else:
        prefix = "expanded_conv_"
    if stride == 2:
        x = ZeroPadding2D(padding=imagenet_utils.correct_pad(x.shape, 3), name=f"{prefix}pad")(x)
    x = DepthwiseConv2D(kernel_size=3, strides=stride, use_bias=False,
                        padding="same" if stride == 1 else "valid", name=f"{prefix}depthwise")(x)
    x = ReLU(6.0, name=f"{prefix}depthwise_relu")(_bn(f"{prefix}depthwise_BN")(x))
    x = Conv2D(pointwise_filters, kernel_size=1, padding="same", use_bias=False,
               name=f"{prefix}project")(x)
    x = _bn(f"{prefix}project_BN")(x)
    if in_channels == pointwise_filters and stride == 1:
        return Add(name=f"{prefix}add")([inputs, x])
    return x


def _rows(input_shape, input_tensor):
    shape = input_shape if input_shape is not None else (
        input_tensor.shape[1:] if input_tensor is not None else None)
    if shape is not None and shape[0] == shape[1] and shape[0] in SIZES:
        return shape[0]
    return 224


def MobileNetV2(input_shape=None, alpha=1.0, include_top=True, weights="imagenet",
                input_tensor=None, pooling=None, classes=1000, classifier_activation="softmax",
                name=None):
    """Keras's arguments; ``alpha`` scales the width (0.35, 0.5, 0.75, 1.0, 1.3, 1.4 have
    ImageNet weights, for square inputs of 96, 128, 160, 192 or 224)."""
    application.check_weights(weights, include_top, classes)
    default_size = _rows(input_shape, input_tensor)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=default_size,
                                                    min_size=32, require_flatten=include_top,
                                                    weights=weights)
    rows = input_shape[0]
    if weights == "imagenet":
        if alpha not in (0.35, 0.50, 0.75, 1.0, 1.3, 1.4):
            raise ValueError("If imagenet weights are being loaded, alpha must be one of "
                             f"`0.35`, `0.50`, `0.75`, `1.0`, `1.3` or `1.4` only; Received "
                             f"`alpha={alpha}`")
        if rows != input_shape[1] or rows not in SIZES:
            rows = 224
            warnings.warn("`input_shape` is undefined or non-square, or `rows` is not in "
                          "[96, 128, 160, 192, 224]. Weights for input shape (224, 224) will be "
                          "loaded as the default.", stacklevel=2)
    img_input = application.image_input(input_tensor, input_shape)
    x = Conv2D(make_divisible(32 * alpha, 8), kernel_size=3, strides=(2, 2), padding="same",
               use_bias=False, name="Conv1")(img_input)
    x = ReLU(6.0, name="Conv1_relu")(_bn("bn_Conv1")(x))
    for block_id, (filters, stride, expansion) in enumerate(BLOCKS):
        x = inverted_res_block(x, expansion, stride, alpha, filters, block_id)
    last = make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
    x = Conv2D(last, kernel_size=1, use_bias=False, name="Conv_1")(x)
    x = ReLU(6.0, name="out_relu")(_bn("Conv_1_bn")(x))
    x = application.top_or_pooling(x, include_top, pooling, classes, classifier_activation,
                                   weights)
    name = name if name is not None else f"mobilenetv2_{alpha:0.2f}_{rows}"
    file = mobilenet_v2_file(alpha, rows, include_top) if weights == "imagenet" else None
    return application.finish(img_input, input_tensor, x, name, weights, file)


def preprocess_input(x, data_format=None):
    """TF mode: ``x / 127.5 - 1``."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


decode_predictions = imagenet_utils.decode_predictions
