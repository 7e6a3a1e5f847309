"""Layers with Keras's names and arguments."""

from course.keras.layers.activation import Activation
from course.keras.layers.batch_normalization import BatchNormalization
from course.keras.layers.bidirectional import Bidirectional
from course.keras.layers.conv1d import Conv1D
from course.keras.layers.conv2d import Conv2D
from course.keras.layers.conv2d_transpose import Conv2DTranspose
from course.keras.layers.cropping2d import Cropping2D
from course.keras.layers.dense import Dense
from course.keras.layers.depthwise_conv2d import DepthwiseConv2D
from course.keras.layers.dot import Dot
from course.keras.layers.dropout import Dropout
from course.keras.layers.elu import ELU
from course.keras.layers.embedding import Embedding
from course.keras.layers.gaussian_noise import GaussianNoise
from course.keras.layers.global_pooling1d import GlobalAveragePooling1D, GlobalMaxPooling1D
from course.keras.layers.global_pooling2d import GlobalAveragePooling2D, GlobalMaxPooling2D
from course.keras.layers.gru import GRU, GRUCell
from course.keras.layers.identity import Identity
from course.keras.layers.input_layer import Input, InputLayer
from course.keras.layers.lambda_layer import Lambda
from course.keras.layers.layer import Layer
from course.keras.layers.layer_normalization import LayerNormalization
from course.keras.layers.leaky_relu import LeakyReLU
from course.keras.layers.lstm import LSTM, LSTMCell
from course.keras.layers.masking import Masking
from course.keras.layers.merge_functions import (add, average, concatenate, dot, maximum, minimum,
                                                 multiply, subtract)
from course.keras.layers.merging import (Add, Average, Concatenate, Maximum, Minimum, Multiply,
                                         Subtract)
from course.keras.layers.permute import Permute
from course.keras.layers.pooling1d import AveragePooling1D, MaxPooling1D
from course.keras.layers.pooling2d import AveragePooling2D, MaxPooling2D
from course.keras.layers.prelu import PReLU
from course.keras.layers.preprocessing import (CategoryEncoding, CenterCrop, Discretization,
                                               IntegerLookup, Normalization, RandomContrast,
                                               RandomCrop, RandomFlip, RandomRotation,
                                               RandomTranslation, RandomZoom, Rescaling, Resizing,
                                               StringLookup)
from course.keras.layers.relu import ReLU
from course.keras.layers.repeat_vector import RepeatVector
from course.keras.layers.reshaping import Flatten, Reshape, ZeroPadding2D
from course.keras.layers.rnn import RNN
from course.keras.layers.separable_conv2d import SeparableConv2D
from course.keras.layers.simple_rnn import SimpleRNN, SimpleRNNCell
from course.keras.layers.softmax import Softmax
from course.keras.layers.spatial_dropout2d import SpatialDropout2D
from course.keras.layers.text_vectorization import TextVectorization
from course.keras.layers.time_distributed import TimeDistributed
from course.keras.layers.up_sampling2d import UpSampling2D

Convolution2D = Conv2D
MaxPool2D = MaxPooling2D
AvgPool2D = AveragePooling2D
Convolution2DTranspose = Conv2DTranspose
SeparableConvolution2D = SeparableConv2D
Convolution1D = Conv1D
MaxPool1D = MaxPooling1D
AvgPool1D = AveragePooling1D
GlobalAvgPool1D = GlobalAveragePooling1D
GlobalMaxPool1D = GlobalMaxPooling1D

__all__ = ["Activation", "Add", "add", "Average", "average", "AveragePooling1D",
           "AveragePooling2D", "AvgPool1D", "AvgPool2D", "BatchNormalization", "Bidirectional",
           "CategoryEncoding", "CenterCrop", "Concatenate", "concatenate", "Conv1D", "Conv2D",
           "Conv2DTranspose", "Convolution1D", "Convolution2D", "Convolution2DTranspose",
           "Cropping2D", "Dense", "DepthwiseConv2D", "Discretization", "Dot", "dot", "Dropout",
           "ELU", "Embedding", "Flatten", "GaussianNoise", "GlobalAveragePooling1D",
           "GlobalAveragePooling2D", "GlobalAvgPool1D", "GlobalMaxPool1D", "GlobalMaxPooling1D",
           "GlobalMaxPooling2D", "GRU", "GRUCell", "Identity", "Input", "InputLayer",
           "IntegerLookup", "Lambda", "Layer", "LayerNormalization", "LeakyReLU", "LSTM",
           "LSTMCell", "Masking", "Maximum", "maximum", "MaxPool1D", "MaxPool2D", "MaxPooling1D",
           "MaxPooling2D", "Minimum", "minimum", "Multiply", "multiply", "Normalization",
           "Permute", "PReLU", "RandomContrast", "RandomCrop", "RandomFlip", "RandomRotation",
           "RandomTranslation", "RandomZoom", "ReLU", "RepeatVector", "Rescaling", "Reshape",
           "Resizing", "RNN", "SeparableConv2D", "SeparableConvolution2D", "SimpleRNN",
           "SimpleRNNCell", "Softmax", "SpatialDropout2D", "StringLookup", "Subtract", "subtract",
           "TextVectorization", "TimeDistributed", "UpSampling2D", "ZeroPadding2D"]
