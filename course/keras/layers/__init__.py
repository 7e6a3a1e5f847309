"""Layers with Keras's names and arguments."""

from course.keras.layers.activation import Activation
from course.keras.layers.dense import Dense
from course.keras.layers.input_layer import Input, InputLayer
from course.keras.layers.layer import Layer

__all__ = ["Activation", "Dense", "Input", "InputLayer", "Layer"]
