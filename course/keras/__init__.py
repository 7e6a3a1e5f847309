"""``course.keras``: a Keras-shaped API on ``course.ops``.

Tutorial code written for ``tensorflow.keras`` or ``keras`` runs after its import prefix
is replaced: ``from course.keras.models import Sequential``,
``from course.keras.layers import Dense``, ``from course import keras``.
"""

from course.keras import (activations, applications, backend, callbacks, datasets,  # noqa: F401
                          initializers, layers, losses, metrics, models, ops, optimizers,
                          preprocessing, regularizers, utils)
from course.keras.layers import Input
from course.keras.models import Model, Sequential, load_model

__all__ = ["activations", "applications", "backend", "callbacks", "datasets", "initializers",
           "layers", "losses", "metrics", "models", "ops", "optimizers", "preprocessing",
           "regularizers", "utils", "Input", "Model", "Sequential", "load_model"]
