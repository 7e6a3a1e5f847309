"""Models: ``Sequential``, the functional ``Model(inputs, outputs)``, ``load_model``."""

from course.keras.models.model import Model
from course.keras.models.sequential import Sequential


def load_model(filepath, compile=True):
    """Load a model saved by ``model.save`` (see ``course.keras.saving``)."""
    from course.keras.saving import load_model as _load
    return _load(filepath, compile=compile)


__all__ = ["Model", "Sequential", "load_model"]
