"""``ResNet50`` (``keras.applications.resnet50``): 50 layers of bottleneck residual blocks."""

from course.keras.applications import imagenet_utils
from course.keras.applications.resnet import resnet


def ResNet50(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
             pooling=None, classes=1000, classifier_activation="softmax", name="resnet50"):
    """Keras's arguments (see :func:`~course.keras.applications.vgg16.VGG16`)."""
    return resnet(False, "resnet50", include_top, weights, input_tensor, input_shape, pooling,
                  classes, classifier_activation, name)


def preprocess_input(x, data_format=None):
    """Caffe mode: RGB -> BGR, minus the ImageNet channel means."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


decode_predictions = imagenet_utils.decode_predictions
