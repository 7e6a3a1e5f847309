"""``VGG16`` (``keras.applications.vgg16``): 13 convolutions and 3 dense layers."""

from course.keras.applications import imagenet_utils
from course.keras.applications.vgg import vgg


def VGG16(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
          pooling=None, classes=1000, classifier_activation="softmax", name="vgg16"):
    """Keras's arguments; input ``(224, 224, 3)`` with the top, any ``>= 32x32`` without.

    ``weights``: None (random), ``"imagenet"`` (Keras's file, from the cache or downloaded)
    or the path of a Keras HDF5 weights file.
    """
    return vgg((2, 2, 3, 3, 3), "vgg16", include_top, weights, input_tensor, input_shape,
               pooling, classes, classifier_activation, name)


def preprocess_input(x, data_format=None):
    """Caffe mode: RGB -> BGR, minus the ImageNet channel means."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


decode_predictions = imagenet_utils.decode_predictions
