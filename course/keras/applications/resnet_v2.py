"""``ResNet50V2`` (``keras.applications.resnet_v2``): pre-activation residual blocks."""

from course.keras.applications import imagenet_utils
from course.keras.applications.resnet import resnet


def ResNet50V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
               pooling=None, classes=1000, classifier_activation="softmax", name="resnet50v2"):
    """Keras's arguments (see :func:`~course.keras.applications.vgg16.VGG16`)."""
    return resnet(True, "resnet50v2", include_top, weights, input_tensor, input_shape, pooling,
                  classes, classifier_activation, name)


def preprocess_input(x, data_format=None):
    """TF mode: ``x / 127.5 - 1``."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


decode_predictions = imagenet_utils.decode_predictions
