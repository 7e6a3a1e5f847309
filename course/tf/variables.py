"""``tf.Variable``: eager (a ``course.keras`` Variable) or, in a TensorFlow 1 graph, a graph
Variable (:class:`course.autodiff.variables.Variable`)."""

import numpy as np

from course.autodiff import variables as graph_variables
from course.autodiff.graph import Node
from course.keras import backend
from course.keras import variable as keras_variable
from course.tf.dispatch import graph_mode_flag


class Variable(keras_variable.Variable):
    """``tf.Variable(initial_value, trainable=True, name=None, dtype=None)``.

    Eager: a :class:`course.keras.variable.Variable` (``assign``, ``assign_add``,
    ``assign_sub``, ``numpy()``, watched by ``tf.GradientTape``, updated by a
    ``course.keras`` optimizer). Given a graph node, or after
    ``tf.compat.v1.disable_eager_execution()``, a TensorFlow 1 graph Variable.
    """

    def __new__(cls, initial_value=None, trainable=True, name=None, dtype=None, **kwargs):
        if isinstance(initial_value, Node) or graph_mode_flag():
            return graph_variables.Variable(initial_value, trainable=trainable, name=name,
                                            dtype=dtype)
        return super().__new__(cls)

    def __init__(self, initial_value=None, trainable=True, name=None, dtype=None, **kwargs):
        if callable(initial_value):
            initial_value = initial_value()
        value = np.asarray(initial_value)
        if dtype is not None:
            value = value.astype(dtype)
        elif value.dtype == np.float64 and not isinstance(initial_value, np.ndarray):
            value = value.astype(backend.floatx())
        name = name or "Variable"
        super().__init__(np.array(value), name, trainable=trainable)
