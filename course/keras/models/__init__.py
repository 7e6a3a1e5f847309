"""Models: ``Sequential``, the functional ``Model(inputs, outputs)``, ``load_model``,
``model_from_json``."""

from course.keras.models.functional import Functional
from course.keras.models.json_io import model_from_json
from course.keras.models.model import Model
from course.keras.models.sequential import Sequential
from course.keras.saving import load_model


__all__ = ["Functional", "Model", "Sequential", "load_model", "model_from_json"]
