"""The teaching engine of chapter 2: dataflow graphs and automatic differentiation.

Three engines of growing size, all reverse mode over a graph visited in reversed
topological order (found without recursion, :mod:`~course.ops.topological_order`):

- :class:`Value` (``value.py``): a scalar, micrograd-sized; the chain rule in one loop.
- :class:`Tensor` (``tensor.py``): the same for numpy arrays, define-by-run, on the
  forward/backward pairs of :mod:`~course.autodiff.primitives` (those of ``course.ops``
  where it has them).
- A define-and-run :class:`Graph` (``graph.py``) run by a :class:`Session`
  (``session.py``) and trained by TensorFlow 1's optimizers (``train.py``);
  :mod:`course.autodiff.tf` puts TensorFlow 1's names on it, so that
  ``import course.autodiff.tf as tf`` runs a TensorFlow 1 script.
"""

from course.autodiff.errors import FailedPreconditionError, InvalidArgumentError  # noqa: F401
from course.autodiff.gradients import gradients  # noqa: F401
from course.autodiff.graph import (Constant, Graph, Node, Operation, Placeholder,  # noqa: F401
                                   get_default_graph, placeholder, reset_default_graph,
                                   set_random_seed)
from course.autodiff.session import InteractiveSession, Session  # noqa: F401
from course.autodiff.tensor import Tensor  # noqa: F401
from course.autodiff.train import (AdamOptimizer, GradientDescentOptimizer,  # noqa: F401
                                   MomentumOptimizer, RMSPropOptimizer)
from course.autodiff.value import Value  # noqa: F401
from course.autodiff.variables import Variable, global_variables_initializer  # noqa: F401
