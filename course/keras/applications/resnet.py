"""ResNet50 and ResNet50V2 (He et al., 2015 and 2016), as ``keras/src/applications/resnet.py``
and ``resnet_v2.py`` build them: a 7x7 stem, then four stacks of bottleneck blocks
(1x1, 3x3, 1x1 convolutions plus a shortcut). V1 normalises after each convolution and adds
before the last ReLU; V2 normalises and activates before ("pre-activation").
Keras's names: ``conv1_pad``, ``conv2_block1_1_conv``, ``conv2_block1_0_bn``, ``..._add``.
"""

from course.keras.applications import application, imagenet_utils
from course.keras.layers import (Activation, Add, BatchNormalization, Conv2D, MaxPooling2D,
                                 ZeroPadding2D)

EPSILON = 1.001e-5
STACKS = ((64, 3, 1, "conv2"), (128, 4, 2, "conv3"), (256, 6, 2, "conv4"), (512, 3, 2, "conv5"))


def _bn(name):
    return BatchNormalization(axis=3, epsilon=EPSILON, name=name)


def block_v1(x, filters, stride=1, conv_shortcut=True, name=None):
    """Conv-BN-ReLU x2, conv-BN, plus the shortcut (a strided 1x1 conv when shapes change)."""
    if conv_shortcut:
        shortcut = Conv2D(4 * filters, 1, strides=stride, name=f"{name}_0_conv")(x)
        shortcut = _bn(f"{name}_0_bn")(shortcut)
    else:
        shortcut = x
    x = Conv2D(filters, 1, strides=stride, name=f"{name}_1_conv")(x)
    x = Activation("relu", name=f"{name}_1_relu")(_bn(f"{name}_1_bn")(x))
    x = Conv2D(filters, 3, padding="same", name=f"{name}_2_conv")(x)
    x = Activation("relu", name=f"{name}_2_relu")(_bn(f"{name}_2_bn")(x))
    x = _bn(f"{name}_3_bn")(Conv2D(4 * filters, 1, name=f"{name}_3_conv")(x))
    x = Add(name=f"{name}_add")([shortcut, x])
    return Activation("relu", name=f"{name}_out")(x)


def block_v2(x, filters, stride=1, conv_shortcut=False, name=None):
    """BN-ReLU first; the stride is in the 3x3 conv of the stack's last block."""
    preact = Activation("relu", name=f"{name}_preact_relu")(_bn(f"{name}_preact_bn")(x))
    if conv_shortcut:
        shortcut = Conv2D(4 * filters, 1, strides=stride, name=f"{name}_0_conv")(preact)
    else:
        shortcut = MaxPooling2D(1, strides=stride)(x) if stride > 1 else x
    x = Conv2D(filters, 1, strides=1, use_bias=False, name=f"{name}_1_conv")(preact)
    x = Activation("relu", name=f"{name}_1_relu")(_bn(f"{name}_1_bn")(x))
    x = ZeroPadding2D(padding=((1, 1), (1, 1)), name=f"{name}_2_pad")(x)
    x = Conv2D(filters, 3, strides=stride, use_bias=False, name=f"{name}_2_conv")(x)
    x = Activation("relu", name=f"{name}_2_relu")(_bn(f"{name}_2_bn")(x))
    x = Conv2D(4 * filters, 1, name=f"{name}_3_conv")(x)
    return Add(name=f"{name}_out")([shortcut, x])


def _stack_v1(x, filters, blocks, stride, name):
    x = block_v1(x, filters, stride=stride, name=f"{name}_block1")
    for i in range(2, blocks + 1):
        x = block_v1(x, filters, conv_shortcut=False, name=f"{name}_block{i}")
    return x


def _stack_v2(x, filters, blocks, stride, name):
    x = block_v2(x, filters, conv_shortcut=True, name=f"{name}_block1")
    for i in range(2, blocks):
        x = block_v2(x, filters, name=f"{name}_block{i}")
    return block_v2(x, filters, stride=stride, name=f"{name}_block{blocks}")


def resnet(preact, weights_name, include_top=True, weights="imagenet", input_tensor=None,
           input_shape=None, pooling=None, classes=1000, classifier_activation="softmax",
           name="resnet"):
    """ResNet50 (``preact=False``) or ResNet50V2 (``preact=True``)."""
    application.check_weights(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=224, min_size=32,
                                                    require_flatten=include_top, weights=weights)
    img_input = application.image_input(input_tensor, input_shape)
    x = ZeroPadding2D(padding=((3, 3), (3, 3)), name="conv1_pad")(img_input)
    x = Conv2D(64, 7, strides=2, name="conv1_conv")(x)
    if not preact:
        x = Activation("relu", name="conv1_relu")(_bn("conv1_bn")(x))
    x = ZeroPadding2D(padding=((1, 1), (1, 1)), name="pool1_pad")(x)
    x = MaxPooling2D(3, strides=2, name="pool1_pool")(x)
    for filters, blocks, stride, stack in STACKS:
        if preact:
            x = _stack_v2(x, filters, blocks, 1 if stack == "conv5" else 2, stack)
        else:
            x = _stack_v1(x, filters, blocks, stride, stack)
    if preact:
        x = Activation("relu", name="post_relu")(_bn("post_bn")(x))
    x = application.top_or_pooling(x, include_top, pooling, classes, classifier_activation,
                                   weights, pool_name="avg_pool", max_pool_name="max_pool")
    file = (f"{weights_name}_weights_tf_dim_ordering_tf_kernels"
            f"{'' if include_top else '_notop'}.h5")
    return application.finish(img_input, input_tensor, x, name, weights,
                              file if weights == "imagenet" else None)
