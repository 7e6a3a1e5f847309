"""Layers with Keras's names and arguments."""

from course.keras.layers.activation import Activation
from course.keras.layers.batch_normalization import BatchNormalization
from course.keras.layers.bidirectional import Bidirectional
from course.keras.layers.conv1d import Conv1D
from course.keras.layers.conv2d import Conv2D
from course.keras.layers.dense import Dense
from course.keras.layers.dropout import Dropout
from course.keras.layers.embedding import Embedding
from course.keras.layers.global_pooling1d import GlobalAveragePooling1D, GlobalMaxPooling1D
from course.keras.layers.gru import GRU, GRUCell
from course.keras.layers.global_pooling2d import GlobalAveragePooling2D, GlobalMaxPooling2D
from course.keras.layers.input_layer import Input, InputLayer
from course.keras.layers.layer import Layer
from course.keras.layers.lstm import LSTM, LSTMCell
from course.keras.layers.masking import Masking
from course.keras.layers.merging import Add, Concatenate
from course.keras.layers.pooling1d import AveragePooling1D, MaxPooling1D
from course.keras.layers.pooling2d import AveragePooling2D, MaxPooling2D
from course.keras.layers.text_vectorization import TextVectorization
from course.keras.layers.reshaping import Flatten, Reshape, ZeroPadding2D
from course.keras.layers.rnn import RNN
from course.keras.layers.simple_rnn import SimpleRNN, SimpleRNNCell
from course.keras.layers.time_distributed import TimeDistributed

Convolution1D = Conv1D
Convolution2D = Conv2D
MaxPool1D = MaxPooling1D
AvgPool1D = AveragePooling1D
GlobalAvgPool1D = GlobalAveragePooling1D
GlobalMaxPool1D = GlobalMaxPooling1D
MaxPool2D = MaxPooling2D
AvgPool2D = AveragePooling2D

__all__ = ["Activation", "Add", "AveragePooling2D", "AvgPool2D", "BatchNormalization",
           "Concatenate", "Conv2D", "Convolution2D", "Dense", "Dropout",
           "GlobalAveragePooling2D", "GlobalMaxPooling2D", "Flatten", "Input", "InputLayer",
           "Layer", "MaxPool2D", "MaxPooling2D", "Reshape", "ZeroPadding2D",
           "Bidirectional", "Embedding", "GRU", "GRUCell", "LSTM", "LSTMCell", "Masking", "RNN",
           "SimpleRNN", "SimpleRNNCell", "TimeDistributed",
           "AveragePooling1D", "AvgPool1D", "Conv1D", "Convolution1D", "GlobalAveragePooling1D",
           "GlobalAvgPool1D", "GlobalMaxPool1D", "GlobalMaxPooling1D", "MaxPool1D",
           "MaxPooling1D", "TextVectorization"]
