"""Layers with Keras's names and arguments."""

from course.keras.layers.activation import Activation
from course.keras.layers.batch_normalization import BatchNormalization
from course.keras.layers.conv2d import Conv2D
from course.keras.layers.conv2d_transpose import Conv2DTranspose
from course.keras.layers.cropping2d import Cropping2D
from course.keras.layers.depthwise_conv2d import DepthwiseConv2D
from course.keras.layers.dense import Dense
from course.keras.layers.dot import Dot
from course.keras.layers.dropout import Dropout
from course.keras.layers.elu import ELU
from course.keras.layers.gaussian_noise import GaussianNoise
from course.keras.layers.global_pooling2d import GlobalAveragePooling2D, GlobalMaxPooling2D
from course.keras.layers.identity import Identity
from course.keras.layers.input_layer import Input, InputLayer
from course.keras.layers.lambda_layer import Lambda
from course.keras.layers.layer import Layer
from course.keras.layers.layer_normalization import LayerNormalization
from course.keras.layers.leaky_relu import LeakyReLU
from course.keras.layers.merge_functions import (add, average, concatenate, dot, maximum,
                                                 minimum, multiply, subtract)
from course.keras.layers.merging import (Add, Average, Concatenate, Maximum, Minimum, Multiply,
                                         Subtract)
from course.keras.layers.permute import Permute
from course.keras.layers.pooling2d import AveragePooling2D, MaxPooling2D
from course.keras.layers.prelu import PReLU
from course.keras.layers.preprocessing import (CategoryEncoding, CenterCrop, Discretization,
                                               IntegerLookup, Normalization, RandomContrast,
                                               RandomCrop, RandomFlip, RandomRotation,
                                               RandomTranslation, RandomZoom, Rescaling,
                                               Resizing, StringLookup)
from course.keras.layers.relu import ReLU
from course.keras.layers.repeat_vector import RepeatVector
from course.keras.layers.reshaping import Flatten, Reshape, ZeroPadding2D
from course.keras.layers.separable_conv2d import SeparableConv2D
from course.keras.layers.softmax import Softmax
from course.keras.layers.spatial_dropout2d import SpatialDropout2D
from course.keras.layers.up_sampling2d import UpSampling2D

Convolution2D = Conv2D
MaxPool2D = MaxPooling2D
AvgPool2D = AveragePooling2D
Convolution2DTranspose = Conv2DTranspose
SeparableConvolution2D = SeparableConv2D

__all__ = ["Activation", "Add", "Average", "AveragePooling2D", "AvgPool2D", "BatchNormalization",
           "Concatenate", "Conv2D", "Convolution2D", "Dense", "Dot", "Dropout",
           "GlobalAveragePooling2D", "GlobalMaxPooling2D", "Flatten", "Input", "InputLayer",
           "Layer", "MaxPool2D", "MaxPooling2D", "Maximum", "Minimum", "Multiply", "Reshape",
           "Subtract", "ZeroPadding2D", "add", "average", "concatenate", "dot", "maximum",
           "minimum", "multiply", "subtract",
           "Conv2DTranspose", "Cropping2D", "DepthwiseConv2D", "ELU", "GaussianNoise",
           "Identity", "Lambda", "LayerNormalization", "LeakyReLU", "Permute", "PReLU", "ReLU",
           "RepeatVector", "SeparableConv2D", "SeparableConvolution2D", "Softmax",
           "SpatialDropout2D", "UpSampling2D", "Convolution2DTranspose",
           "CategoryEncoding", "CenterCrop", "Discretization", "IntegerLookup", "Normalization",
           "RandomContrast", "RandomCrop", "RandomFlip", "RandomRotation", "RandomTranslation",
           "RandomZoom", "Rescaling", "Resizing", "StringLookup"]
