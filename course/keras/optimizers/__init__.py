"""Optimizers by Keras name or class: ``"sgd"``, ``"rmsprop"``, ``"adagrad"``, ``"adam"``."""

from course.keras.optimizers import schedules  # noqa: F401
from course.keras.optimizers.adagrad import Adagrad
from course.keras.optimizers.adam import Adam
from course.keras.optimizers.optimizer import Optimizer
from course.keras.optimizers.rmsprop import RMSprop
from course.keras.optimizers.sgd import SGD

_BY_NAME = {"sgd": SGD, "rmsprop": RMSprop, "adagrad": Adagrad, "adam": Adam}
OPTIMIZER_CLASSES = tuple(_BY_NAME.values())


def get(identifier):
    """A name (any case) or an Optimizer -> an Optimizer with Keras's defaults."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _BY_NAME:
        return _BY_NAME[identifier.lower()]()
    raise ValueError(f"Unknown optimizer: {identifier!r}. Known: {', '.join(_BY_NAME)}")


__all__ = ["SGD", "RMSprop", "Adagrad", "Adam", "Optimizer", "get", "schedules"]
