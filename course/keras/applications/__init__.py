"""``course.keras.applications``: Keras's pretrained architectures, with Keras's layer names,
arguments and HDF5 weight files (read with h5py from ``$KERAS_HOME/models`` or
``~/.keras/models``, checked against Keras's digests), and the course's own small networks
pretrained on Fashion-MNIST, shipped with the package so transfer learning works offline.
"""

from course.keras.applications import (fashion, imagenet_utils, mobilenet_v2,  # noqa: F401
                                       resnet50, resnet_v2, vgg16, vgg19)
from course.keras.applications.fashion import FashionMobileNet, FashionVGG
from course.keras.applications.mobilenet_v2 import MobileNetV2
from course.keras.applications.resnet50 import ResNet50
from course.keras.applications.resnet_v2 import ResNet50V2
from course.keras.applications.vgg16 import VGG16
from course.keras.applications.vgg19 import VGG19

__all__ = ["FashionMobileNet", "FashionVGG", "MobileNetV2", "ResNet50", "ResNet50V2", "VGG16", "VGG19", "imagenet_utils",
           "fashion", "mobilenet_v2", "resnet50", "resnet_v2", "vgg16", "vgg19"]
