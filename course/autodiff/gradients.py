"""``gradients(ys, xs)``: nodes whose value is a derivative, found by reverse mode in a run.

:func:`differentiable_path` finds the operations through which ``ys`` depend on ``xs``; a
:class:`Gradient` node asks its run (:class:`~course.autodiff.session.Run`) for one
backward pass over the forward pass it has just done.
"""

from course.autodiff.graph import Node
from course.ops.topological_order import topological_order


def differentiable_path(ys, xs, inputs=lambda node: node.inputs):
    """The nodes through which ``ys`` depend differentiably on ``xs``, in topological order.

    That is: each ``x`` that ``ys`` depend on, and each differentiable operation between
    them. ``inputs(node)`` gives a node's inputs (a run cuts the graph at fed nodes).
    """
    order, targets = topological_order(ys, inputs), set(xs)
    depends = set()  # nodes that depend differentiably on an x
    for node in order:
        if node in targets or (node.differentiable and any(i in depends for i in inputs(node))):
            depends.add(node)
    reached = {y for y in ys if y in depends}  # ... and that some y depends on, differentiably
    for node in reversed(order):
        if node in reached and node.differentiable:
            reached.update(i for i in inputs(node) if i in depends)
    return [node for node in order if node in reached]


class Gradient(Node):
    """``d sum(ys) / d x``, computed when run by reverse mode over the run's forward pass."""

    def __init__(self, ys, x, xs, name="gradients"):
        super().__init__(name, ys, x.dtype, x.shape)
        self.xs, self.index = tuple(xs), xs.index(x)

    def evaluate(self, values, run):
        return run.gradients(self.inputs, self.xs)[self.index]


def gradients(ys, xs):
    """Nodes for ``d sum(ys) / d x`` for each ``x`` in ``xs`` (None where ys do not depend on x).

    ``ys`` and ``xs`` are nodes or lists of nodes; a list comes back. All the gradients
    of one run come from a single backward pass.
    """
    ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    connected = set(differentiable_path(ys, xs))
    return [Gradient(ys, x, xs) if x in connected else None for x in xs]
