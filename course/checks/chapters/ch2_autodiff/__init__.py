"""Chapter 2, Dataflow graphs and automatic differentiation.

The references are :mod:`course.autodiff`'s own: the scalar ``Value`` (its division, its
``topological_order`` and ``backward``), ``unbroadcast`` of the array engine, ``fit_line``
and ``mse_graph.mse_loss_graph`` (the TensorFlow 1 facade, a graph run by a ``Session``);
central differences are ``course.ops.gradient_check.numerical_gradient``. Exercises on a part of ``Value`` are
framed as a function the check calls on a graph it builds from plain data, and return
plain data (numbers, arrays, tuples); an exercise never depends on the student's answer
to an earlier one.
"""

from course.checks.chapters.ch2_autodiff.backward import BACKWARD
from course.checks.chapters.ch2_autodiff.div import DIV
from course.checks.chapters.ch2_autodiff.fit_line import FIT_LINE
from course.checks.chapters.ch2_autodiff.mse_loss_graph import MSE_LOSS_GRAPH
from course.checks.chapters.ch2_autodiff.numerical_gradient import NUMERICAL_GRADIENT
from course.checks.chapters.ch2_autodiff.topological_order import TOPOLOGICAL_ORDER
from course.checks.chapters.ch2_autodiff.unbroadcast import UNBROADCAST


EXERCISES = [NUMERICAL_GRADIENT, DIV, TOPOLOGICAL_ORDER, BACKWARD, FIT_LINE, UNBROADCAST,
             MSE_LOSS_GRAPH]
