"""Layers with Keras's names and arguments."""

from course.keras.layers.activation import Activation
from course.keras.layers.batch_normalization import BatchNormalization
from course.keras.layers.conv2d import Conv2D
from course.keras.layers.dense import Dense
from course.keras.layers.dot import Dot
from course.keras.layers.dropout import Dropout
from course.keras.layers.global_pooling2d import GlobalAveragePooling2D, GlobalMaxPooling2D
from course.keras.layers.input_layer import Input, InputLayer
from course.keras.layers.layer import Layer
from course.keras.layers.merge_functions import (add, average, concatenate, dot, maximum,
                                                 minimum, multiply, subtract)
from course.keras.layers.merging import (Add, Average, Concatenate, Maximum, Minimum, Multiply,
                                         Subtract)
from course.keras.layers.pooling2d import AveragePooling2D, MaxPooling2D
from course.keras.layers.reshaping import Flatten, Reshape, ZeroPadding2D

Convolution2D = Conv2D
MaxPool2D = MaxPooling2D
AvgPool2D = AveragePooling2D

__all__ = ["Activation", "Add", "Average", "AveragePooling2D", "AvgPool2D", "BatchNormalization",
           "Concatenate", "Conv2D", "Convolution2D", "Dense", "Dot", "Dropout",
           "GlobalAveragePooling2D", "GlobalMaxPooling2D", "Flatten", "Input", "InputLayer",
           "Layer", "MaxPool2D", "MaxPooling2D", "Maximum", "Minimum", "Multiply", "Reshape",
           "Subtract", "ZeroPadding2D", "add", "average", "concatenate", "dot", "maximum",
           "minimum", "multiply", "subtract"]
