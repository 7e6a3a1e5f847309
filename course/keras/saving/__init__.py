"""Saving and loading models (see :mod:`course.keras.saving.saving_lib` for the format)."""

from course.keras.saving.archive import SavedModelError
from course.keras.saving.object_registration import register_keras_serializable
from course.keras.saving.saving_lib import load_model, load_weights, save_model, save_weights
from course.keras.saving.serialization import layer_from_config

__all__ = ["SavedModelError", "layer_from_config", "load_model", "load_weights", "save_model",
           "save_weights", "register_keras_serializable"]
