"""``VGG19`` (``keras.applications.vgg19``): 16 convolutions and 3 dense layers."""

from course.keras.applications.vgg import vgg
from course.keras.applications.vgg16 import decode_predictions, preprocess_input  # noqa: F401


def VGG19(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
          pooling=None, classes=1000, classifier_activation="softmax", name="vgg19"):
    """As :func:`~course.keras.applications.vgg16.VGG16`, with 4 convolutions in blocks 3-5."""
    return vgg((2, 2, 4, 4, 4), "vgg19", include_top, weights, input_tensor, input_shape,
               pooling, classes, classifier_activation, name)
