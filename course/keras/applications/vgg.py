"""The VGG family (Simonyan and Zisserman, 2015): blocks of 3x3 ReLU convolutions, each
block ending in 2x2 max pooling, then two 4096-unit dense layers. VGG16 has 2, 2, 3, 3, 3
convolutions per block, VGG19 2, 2, 4, 4, 4. Layer names are Keras's (``block1_conv1``)."""

from course.keras.applications import application, imagenet_utils
from course.keras.layers import Conv2D, Dense, Flatten, MaxPooling2D

FILTERS = (64, 128, 256, 512, 512)


def vgg(convs_per_block, weights_stem, include_top=True, weights="imagenet", input_tensor=None,
        input_shape=None, pooling=None, classes=1000, classifier_activation="softmax",
        name="vgg"):
    """A VGG model with ``convs_per_block[i]`` convolutions in block ``i + 1``."""
    application.check_weights(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=224, min_size=32,
                                                    require_flatten=include_top, weights=weights)
    img_input = application.image_input(input_tensor, input_shape)
    x = img_input
    for block, (filters, convs) in enumerate(zip(FILTERS, convs_per_block), start=1):
        for i in range(1, convs + 1):
            x = Conv2D(filters, (3, 3), activation="relu", padding="same",
                       name=f"block{block}_conv{i}")(x)
        x = MaxPooling2D((2, 2), strides=(2, 2), name=f"block{block}_pool")(x)
    if include_top:
        x = Flatten(name="flatten")(x)
        x = Dense(4096, activation="relu", name="fc1")(x)
        x = Dense(4096, activation="relu", name="fc2")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = application.top_or_pooling(x, False, pooling, classes, None, weights)
    file = (f"{weights_stem}_weights_tf_dim_ordering_tf_kernels"
            f"{'' if include_top else '_notop'}.h5")
    return application.finish(img_input, input_tensor, x, name, weights,
                              file if weights == "imagenet" else None)
