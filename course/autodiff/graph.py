"""A dataflow graph in the style of TensorFlow 1: first describe the computation, then run it.

Building computes nothing. ``x = placeholder(float32, (None, 784))`` and ``y = x @ W + b``
only add vertices (:class:`Node`) to the default :class:`Graph`, each remembering its
inputs; a :class:`~course.autodiff.session.Session` later evaluates the nodes a fetch
needs, with the placeholders' values taken from a ``feed_dict``.

The kinds of node:

- :class:`Placeholder`: a value fed at run time (its shape may leave dimensions None);
- :class:`Constant`: a fixed array;
- ``Variable`` (in :mod:`course.autodiff.variables`): state that lives in the session, set
  by an ``Initializer`` and changed by optimizers;
- :class:`RandomOp`: fresh random numbers at every run, reproducible under a seed;
- :class:`Operation`: a primitive of :mod:`course.autodiff.primitives` applied to input
  nodes, with fixed attributes (an axis, a shape);
- ``Initializer`` and :class:`Gradient`: actions a run performs (set the variables;
  differentiate by reverse mode).

Each node has a ``dtype`` (known when built) and a static ``shape``: a tuple whose entries
may be None, or None when the rank is unknown (the result of an operation). Python
numbers and numpy arrays combined with a node become :class:`Constant` nodes, numbers in
the node's dtype. ``==`` and ``hash`` are identity, as in TensorFlow 1.
"""

from contextlib import contextmanager

import numpy as np

from course.autodiff import primitives as P
from course.autodiff.errors import InvalidArgumentError
from course.autodiff.topo import topological_order

DEFAULT_GRAPH_SEED = 87654321
"""TensorFlow 1's graph seed when only an operation seed is given."""


class Graph:
    """A set of nodes built together, their names, variables and random seed.

    Attributes:
        seed: the graph-level random seed (``set_random_seed``), or None.
        variables: every ``Variable`` of the graph, in creation order.
    """

    def __init__(self):
        self.seed = None
        self.variables = []
        self.node_count = 0
        self._name_counts = {}

    def unique_name(self, name):
        """``name``, or ``name_1``, ``name_2``... when it is taken (as TensorFlow names ops)."""
        self.node_count += 1
        n = self._name_counts.get(name, 0)
        self._name_counts[name] = n + 1
        return name if n == 0 else f"{name}_{n}"

    def random_seed(self, op_seed):
        """TensorFlow 1's rule: ``(graph seed, op seed)``, or None for unseeded randomness.

        With a graph seed and no op seed, the op seed is the number of nodes built so far,
        so the same program draws the same numbers.
        """
        if self.seed is None and op_seed is None:
            return None
        if self.seed is None:
            return (DEFAULT_GRAPH_SEED, op_seed)
        return (self.seed, self.node_count if op_seed is None else op_seed)

    @contextmanager
    def as_default(self):
        """``with graph.as_default():`` builds into ``graph``."""
        _default_graphs.append(self)
        try:
            yield self
        finally:
            _default_graphs.pop()


_default_graphs = [Graph()]


def get_default_graph():
    """The graph new nodes go into."""
    return _default_graphs[-1]


def reset_default_graph():
    """Start a new, empty default graph (outside any ``as_default`` block)."""
    if len(_default_graphs) > 1:
        raise RuntimeError("reset_default_graph() was called inside a `graph.as_default()` block")
    _default_graphs[0] = Graph()


def set_random_seed(seed):
    """Set the default graph's seed: random nodes built after this are reproducible."""
    get_default_graph().seed = seed


_DTYPE_NAMES = {"float": np.float32, "double": np.float64, "half": np.float16,
                float: np.float32, int: np.int32, bool: np.bool_}


def as_dtype(dtype):
    """A numpy dtype from TensorFlow's spellings: ``tf.float32``, ``"float"`` (float32), ``int``."""
    return np.dtype(_DTYPE_NAMES.get(dtype, dtype))


def _format_shape(shape):
    if shape is None:
        return "<unknown>"
    dims = ["?" if d is None else str(d) for d in shape]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


class Node:
    """A vertex of the graph: what a run will compute, not a value.

    Attributes:
        graph: the :class:`Graph` it belongs to.
        name: unique within the graph.
        inputs: the nodes it is computed from.
        dtype: a numpy dtype.
        shape: a tuple (entries may be None), or None if even the rank is unknown.
    """

    differentiable = False
    """Whether gradients flow through the node to its inputs."""

    __array_ufunc__ = None  # ``array * node`` calls ``node.__rmul__``, not numpy's loop

    def __init__(self, name, inputs=(), dtype=None, shape=None):
        self.graph = get_default_graph()
        for node in inputs:
            if node.graph is not self.graph:
                raise ValueError(f"{node.name} belongs to another graph than the one being built")
        self.name = self.graph.unique_name(name)
        self.inputs = tuple(inputs)
        self.dtype = None if dtype is None else as_dtype(dtype)
        self.shape = None if shape is None else tuple(shape)

    def evaluate(self, values, run):
        """The node's value, given its inputs' ``values``, within ``run`` (a Session's)."""
        raise NotImplementedError

    def __repr__(self):
        return (f"<{type(self).__name__} '{self.name}' shape={_format_shape(self.shape)} "
                f"dtype={self.dtype}>")

    def get_shape(self):
        return self.shape

    def eval(self, feed_dict=None, session=None):
        """``session.run(self, feed_dict)``, in the default session when none is given."""
        from course.autodiff.session import get_default_session  # session.py imports this file
        session = session or get_default_session()
        if session is None:
            raise ValueError(f"cannot evaluate {self.name}: no default session; use "
                             f"`with tf.Session() as sess:` or pass session=")
        return session.run(self, feed_dict)

    run = eval

    def __iter__(self):
        raise TypeError(f"{self.name} is a graph node, not a sequence: it has no value until run")

    # -- operators build operations -----------------------------------------------------------

    def __add__(self, other):
        return binary(P.ADD, self, other)

    def __radd__(self, other):
        return binary(P.ADD, other, self)

    def __sub__(self, other):
        return binary(P.SUBTRACT, self, other)

    def __rsub__(self, other):
        return binary(P.SUBTRACT, other, self)

    def __mul__(self, other):
        return binary(P.MULTIPLY, self, other)

    def __rmul__(self, other):
        return binary(P.MULTIPLY, other, self)

    def __truediv__(self, other):
        return binary(P.DIVIDE, self, other)

    def __rtruediv__(self, other):
        return binary(P.DIVIDE, other, self)

    def __matmul__(self, other):
        return binary(P.MATMUL, self, other)

    def __neg__(self):
        return Operation(P.NEGATIVE, (self,))

    def __pow__(self, exponent):
        if not isinstance(exponent, (int, float)):
            raise TypeError(f"node ** k needs a number k, got {type(exponent).__name__}")
        return Operation(P.POWER, (self,), {"exponent": exponent})

    def __getitem__(self, index):
        return Operation(P.GETITEM, (self,), {"index": index})


class Placeholder(Node):
    """A value that every run must feed: ``feed_dict={placeholder: array}``.

    Args:
        dtype: fed values are converted to it.
        shape: a tuple whose None entries match any length, or None for any shape.
    """

    def __init__(self, dtype, shape=None, name="Placeholder"):
        super().__init__(name, (), dtype, shape)

    def evaluate(self, values, run):  # only reached when the placeholder was not fed
        raise InvalidArgumentError(
            f"You must feed a value for placeholder '{self.name}' with dtype {self.dtype} "
            f"and shape {_format_shape(self.shape)}")


def placeholder(dtype, shape=None, name=None):
    """A :class:`Placeholder`: ``placeholder(float32, (None, 784))`` takes batches of any size."""
    return Placeholder(dtype, shape, name or "Placeholder")


class Constant(Node):
    """A fixed array. Python numbers become float32 or int32, numpy arrays keep their dtype.

    With ``shape``, a single value is repeated to fill it (``Constant(0.1, shape=[256])``),
    more values are reshaped.
    """

    def __init__(self, value, dtype=None, shape=None, name="Const"):
        self.value = _constant_array(value, dtype)
        if shape is not None:
            self.value = (np.full(shape, self.value) if self.value.size == 1
                          else self.value.reshape(shape))
        super().__init__(name, (), self.value.dtype, self.value.shape)

    def evaluate(self, values, run):
        return self.value


def _constant_array(value, dtype):
    if dtype is not None:
        return np.asarray(value, dtype=as_dtype(dtype))
    if isinstance(value, (np.ndarray, np.generic)):
        return np.asarray(value)
    array = np.asarray(value)
    return array.astype({"f": np.float32, "i": np.int32}.get(array.dtype.kind, array.dtype))


def as_node(value, dtype=None):
    """A node as it is; anything else as a :class:`Constant` (of ``dtype``, if given)."""
    return value if isinstance(value, Node) else Constant(value, dtype)


class RandomOp(Node):
    """Fresh random numbers at every run: ``sample(rng) -> array`` of a fixed shape.

    Each session keeps one generator per random node, seeded by the graph's rule
    (:meth:`Graph.random_seed`), so a seeded program draws the same sequence in every
    new session.
    """

    def __init__(self, sample, shape, dtype, seed=None, name="random"):
        super().__init__(name, (), dtype, shape)
        self.sample = sample
        self.seed = self.graph.random_seed(seed)

    def evaluate(self, values, run):
        return self.sample(run.session.rng(self))


class Operation(Node):
    """A primitive applied to input nodes: ``primitive.forward(*input values, **attrs)``.

    Args:
        primitive: a :class:`~course.autodiff.primitives.Primitive`.
        inputs: its input nodes.
        attrs: fixed keyword arguments of the forward (an axis, a shape...).
        dtype: the output's dtype (default: numpy's promotion of the inputs' dtypes).
    """

    def __init__(self, primitive, inputs, attrs=None, dtype=None, name=None):
        if dtype is None:
            dtype = np.result_type(*[node.dtype for node in inputs])
        super().__init__(name or primitive.name, inputs, dtype)
        self.primitive = primitive
        self.attrs = attrs or {}

    @property
    def differentiable(self):
        return self.primitive.backward is not None

    def evaluate(self, values, run):
        try:
            out, run.caches[self] = self.primitive.forward(*values, **self.attrs)
        except ValueError as error:  # e.g. shapes that do not fit: say which node
            raise InvalidArgumentError(f"in node '{self.name}': {error}") from error
        return out


def binary(primitive, x, y, dtype=None, name=None):
    """An operation on two operands, at least one a node; the other is converted to it.

    A Python number takes the node's dtype (a float cannot join an integer node); two
    nodes of different dtypes are a TypeError, as in TensorFlow.
    """
    like, other = (x, y) if isinstance(x, Node) else (y, x)
    if (not isinstance(other, Node) and like.dtype.kind in "iub"
            and np.asarray(other).dtype.kind == "f"):
        raise TypeError(f"cannot combine a float with {like.name} of dtype {like.dtype}")
    x, y = (as_node(v, like.dtype) for v in (x, y))
    if x.dtype != y.dtype:
        raise TypeError(f"{primitive.name}: {y.name} has dtype {y.dtype}, which does not match "
                        f"dtype {x.dtype} of {x.name}; TensorFlow never converts dtypes "
                        f"implicitly: use tf.cast")
    return Operation(primitive, (x, y), dtype=dtype, name=name)


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
