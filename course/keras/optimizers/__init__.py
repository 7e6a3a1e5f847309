"""Optimizers by Keras name or class: ``"sgd"``, ``"rmsprop"``, ``"adagrad"``, ``"adam"``,
``"adamw"``, ``"adamax"``, ``"nadam"``, ``"adadelta"``, ``"lion"``."""

from course.keras.optimizers import schedules  # noqa: F401
from course.keras.optimizers.adadelta import Adadelta
from course.keras.optimizers.adagrad import Adagrad
from course.keras.optimizers.adam import Adam
from course.keras.optimizers.adamax import Adamax
from course.keras.optimizers.adamw import AdamW
from course.keras.optimizers.lion import Lion
from course.keras.optimizers.nadam import Nadam
from course.keras.optimizers.optimizer import Optimizer
from course.keras.optimizers.rmsprop import RMSprop
from course.keras.optimizers.sgd import SGD

_BY_NAME = {"sgd": SGD, "rmsprop": RMSprop, "adagrad": Adagrad, "adam": Adam, "adamw": AdamW,
            "adamax": Adamax, "nadam": Nadam, "adadelta": Adadelta, "lion": Lion}
OPTIMIZER_CLASSES = tuple(_BY_NAME.values())


def get(identifier):
    """A name (any case), a ``{"class_name": ..., "config": {...}}`` dict or an Optimizer
    -> an Optimizer (with Keras's defaults for a name)."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, dict) and str(identifier.get("class_name")).lower() in _BY_NAME:
        return _BY_NAME[identifier["class_name"].lower()].from_config(
            identifier.get("config") or {})
    if isinstance(identifier, str) and identifier.lower() in _BY_NAME:
        return _BY_NAME[identifier.lower()]()
    raise ValueError(f"Unknown optimizer: {identifier!r}. Known: {', '.join(_BY_NAME)}")


__all__ = ["SGD", "RMSprop", "Adagrad", "Adam", "AdamW", "Adamax", "Nadam", "Adadelta", "Lion",
           "Optimizer", "get", "schedules"]
