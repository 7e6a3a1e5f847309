"""Running a dataflow graph: ``Session.run(fetches, feed_dict)``.

A run evaluates the fetched nodes and exactly the nodes they need, in topological order,
each once; fed nodes take the given values, and the graph is cut there (what a fed node
was computed from is not evaluated). Operations leave their backward caches in the run,
so a training step (:mod:`course.autodiff.train`) or a :class:`~course.autodiff.graph.Gradient`
can differentiate by reverse mode over the same forward pass.

The session, not the graph, holds the state: the values of the variables, the
optimizers' moments, and one random generator per random node. Two sessions on one graph
are independent.
"""

import numpy as np

from course.autodiff import default_session
from course.autodiff.errors import FailedPreconditionError
from course.autodiff.gradients import differentiable_path
from course.autodiff.graph import Node, _format_shape, get_default_graph
from course.ops.topological_order import topological_order

class Session:
    """Runs nodes of one graph and keeps that graph's state (variables, optimizer moments).

    Args:
        target, config: accepted for TensorFlow's signature, unused.
        graph: the graph to run (default: the default graph when the session is made).

    Use it as a context manager: ``with Session() as sess:`` makes it the default session
    (for ``node.eval()``) and closes it at the end.
    """

    def __init__(self, target="", graph=None, config=None):
        self.graph = get_default_graph() if graph is None else graph
        self._variables = {}  # Variable -> its array
        self._slots = {}      # Variable -> {training step: optimizer state}
        self._rngs = {}       # RandomOp -> numpy Generator
        self._closed = False

    def __enter__(self):
        default_session.push(self)
        return self

    def __exit__(self, *exc_info):
        default_session.remove(self)
        self.close()

    def as_default(self):
        """``with sess.as_default():`` makes ``sess`` the default session, without closing it."""
        return _DefaultSession(self)

    def close(self):
        """Free the state; a closed session cannot run."""
        self._variables, self._slots, self._rngs = {}, {}, {}
        self._closed = True

    # -- running -----------------------------------------------------------------------------

    def run(self, fetches, feed_dict=None):
        """Evaluate ``fetches`` with the placeholders (or any nodes) set by ``feed_dict``.

        Args:
            fetches: a node, or a list, tuple or dict (nested at will) of nodes.
            feed_dict: ``{node: array-like}``; each value is converted to the node's dtype
                and must match its static shape (None dimensions match any length).

        Returns:
            The fetches' structure with each node replaced by its value: a numpy array (a
            copy, never the session's own variable) or scalar, or None for actions such as
            an initializer or a training step.

        Raises:
            InvalidArgumentError: a needed placeholder was not fed.
            ValueError: a fed value does not fit its node's shape.
            FailedPreconditionError: a needed variable was not initialized.
        """
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        feeds = {self._own(node): _feed_value(node, value)
                 for node, value in (feed_dict or {}).items()}
        nodes = []
        _map_structure(lambda node: nodes.append(self._own(node)), fetches)
        run = Run(self, feeds)
        run.evaluate(nodes)
        return _map_structure(lambda node: _output(run.values[node]), fetches)

    def _own(self, node):
        if not isinstance(node, Node):
            raise TypeError(f"expected a graph node, got {type(node).__name__}: {node!r}")
        if node.graph is not self.graph:
            raise ValueError(f"{node.name} is not an element of this session's graph")
        return node

    # -- state -------------------------------------------------------------------------------

    def read(self, variable):
        """The session's array for ``variable`` (updated in place by optimizers)."""
        try:
            return self._variables[variable]
        except KeyError:
            raise FailedPreconditionError(
                f"Attempting to use uninitialized value {variable.name}: run "
                f"tf.global_variables_initializer() first") from None

    def assign(self, variable, value):
        """Set ``variable`` to a C-contiguous copy of ``value``; forget its optimizer state."""
        self._variables[variable] = np.array(value, dtype=variable.dtype, order="C")
        self._slots.pop(variable, None)

    def slots(self, variable, step):
        """The optimizer state of ``variable`` for training step ``step`` (a dict, {} at first)."""
        return self._slots.setdefault(variable, {}).setdefault(step, {})

    def rng(self, node):
        """The random generator of ``node`` in this session, seeded by ``node.seed``."""
        if node not in self._rngs:
            self._rngs[node] = np.random.default_rng(node.seed)
        return self._rngs[node]


class InteractiveSession(Session):
    """A session that makes itself the default one when created (for notebooks)."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        default_session.push(self)

    def close(self):
        default_session.remove(self)
        super().close()


class _DefaultSession:
    def __init__(self, session):
        self.session = session

    def __enter__(self):
        default_session.push(self.session)
        return self.session

    def __exit__(self, *exc_info):
        default_session.remove(self.session)


class Run:
    """One call of ``Session.run``: the values and backward caches of the nodes it evaluated.

    Attributes:
        session: the session (its variables, optimizer state, generators).
        values: node -> value, fed nodes included.
        caches: operation -> the cache its primitive's forward returned.
    """

    def __init__(self, session, feeds):
        self.session = session
        self.feeds = feeds
        self.values = dict(feeds)
        self.caches = {}
        self._gradients = {}

    def inputs(self, node):
        """A node's inputs in this run: none for a fed node (the graph is cut there)."""
        return () if node in self.feeds else node.inputs

    def evaluate(self, nodes):
        """Compute the value of ``nodes`` and of everything they need, each once."""
        for node in topological_order(nodes, self.inputs):
            if node not in self.values:
                self.values[node] = node.evaluate([self.values[i] for i in node.inputs], self)

    def gradients(self, ys, xs):
        """``d sum(ys) / d x`` for each ``x`` in ``xs`` (None if ``ys`` do not depend on it).

        Reverse mode over this run's forward pass: starting from ones at ``ys``, each
        operation on a path from ``xs`` turns its output's gradient into its inputs'
        (``primitive.backward``), in reversed topological order; a node used twice sums
        both contributions. One pass serves every ``x``, and is remembered for the run.
        """
        ys, xs = tuple(ys), tuple(xs)
        if (ys, xs) not in self._gradients:
            path = differentiable_path(ys, xs, self.inputs)
            on_path = set(path)
            grads = {y: np.ones_like(self.values[y]) for y in ys if y in on_path}
            for node in reversed(path):
                if node not in grads or not node.differentiable or node in self.feeds:
                    continue  # a leaf: a variable, or an x the pass stops at
                dinputs = node.primitive.backward(grads[node], self.caches[node])
                for node_in, d in zip(node.inputs, dinputs):
                    if d is not None and node_in in on_path:
                        grads[node_in] = grads[node_in] + d if node_in in grads else d
            self._gradients[ys, xs] = [grads.get(x) for x in xs]
        return self._gradients[ys, xs]


def _feed_value(node, value):
    """``value`` as an array of ``node``'s dtype, checked against its static shape."""
    try:
        array = np.asarray(value, dtype=node.dtype)
    except (ValueError, TypeError) as error:
        raise ValueError(f"Cannot feed the value given for '{node.name}', which takes {node.dtype}"
                         f" of shape {_format_shape(node.shape)}: {error}") from None
    shape = node.shape
    if shape is not None and (array.ndim != len(shape) or any(
            d is not None and d != n for d, n in zip(shape, array.shape))):
        raise ValueError(f"Cannot feed value of shape {array.shape} for '{node.name}', "
                         f"which has shape {_format_shape(shape)}")
    return array


def _map_structure(fn, fetches):
    """``fetches`` with ``fn`` applied to each node (lists, tuples and dicts, nested)."""
    if isinstance(fetches, Node):
        return fn(fetches)
    if isinstance(fetches, list):
        return [_map_structure(fn, f) for f in fetches]
    if isinstance(fetches, tuple):
        return tuple(_map_structure(fn, f) for f in fetches)
    if isinstance(fetches, dict):
        return {k: _map_structure(fn, f) for k, f in fetches.items()}
    raise TypeError(f"Fetch argument {fetches!r} has invalid type {type(fetches).__name__}: "
                    f"fetch a graph node, or a list, tuple or dict of nodes")


def _output(value):
    """A fetched value: a copy of an array (a scalar for 0-d), None stays None."""
    return None if value is None else np.array(value)[()]
