"""Layers with Keras's names and arguments."""

from course.keras.layers.activation import Activation
from course.keras.layers.batch_normalization import BatchNormalization
from course.keras.layers.conv2d import Conv2D
from course.keras.layers.dense import Dense
from course.keras.layers.depthwise_conv2d import DepthwiseConv2D
from course.keras.layers.dropout import Dropout
from course.keras.layers.global_pooling2d import GlobalAveragePooling2D, GlobalMaxPooling2D
from course.keras.layers.input_layer import Input, InputLayer
from course.keras.layers.layer import Layer
from course.keras.layers.merging import Add, Concatenate
from course.keras.layers.pooling2d import AveragePooling2D, MaxPooling2D
from course.keras.layers.relu import ReLU
from course.keras.layers.reshaping import Flatten, Reshape, ZeroPadding2D

Convolution2D = Conv2D
MaxPool2D = MaxPooling2D
AvgPool2D = AveragePooling2D

__all__ = ["Activation", "Add", "AveragePooling2D", "AvgPool2D", "BatchNormalization",
           "Concatenate", "Conv2D", "Convolution2D", "Dense", "DepthwiseConv2D", "Dropout",
           "GlobalAveragePooling2D", "GlobalMaxPooling2D", "Flatten", "Input", "InputLayer",
           "Layer", "MaxPool2D", "MaxPooling2D", "ReLU", "Reshape", "ZeroPadding2D"]
