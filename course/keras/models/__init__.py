"""Models: ``Sequential``, the functional ``Model(inputs, outputs)``, ``load_model``."""

from course.keras.models.functional import Functional
from course.keras.models.model import Model
from course.keras.models.sequential import Sequential
from course.keras.saving import load_model


__all__ = ["Functional", "Model", "Sequential", "load_model"]
