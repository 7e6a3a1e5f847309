"""The tape: reverse-mode differentiation of ``keras.ops`` code, as ``tf.GradientTape``.

The idea is chapter 2's :class:`~course.autodiff.value.Value`, for arrays: while a tape
records, every ``keras.ops`` function that receives a watched value (a watched tensor, a
trainable variable, or a tensor computed from one) runs the forward of its ``course.ops``
pair and attaches to its result a :class:`Node`: its parents, the backward, the cache.
``tape.gradient(target, sources)`` visits the nodes from the target in reversed
topological order (:func:`course.ops.topological_order.topological_order`, the function
``Value.backward`` uses) and applies each backward to the gradient of its output::

    dL/d parent += backward(dL/d node, cache)

Nothing is recorded when no tape records, or when no input is watched: the forward alone
runs, as fast as the ``course.ops`` function itself.

As TensorFlow: a source the target does not depend on (or one never watched) gets None;
a target with several elements is differentiated as its sum; a non-persistent tape
computes one set of gradients; trainable variables read under the tape are watched
(``watch_accessed_variables=True``).
"""

import numpy as np

from course.keras.ops.tensor import Tensor, as_tensor
from course.ops.topological_order import topological_order

_RECORDING = []
"""The tapes recording now (innermost last)."""


class Node:
    """One value on the tapes: the nodes it was computed from and how to differentiate.

    A leaf (a watched tensor or variable) has no parents and no backward.
    """

    __slots__ = ("parents", "backward", "cache", "tapes", "name")

    def __init__(self, parents=(), backward=None, cache=None, tapes=(), name="leaf"):
        self.parents, self.backward, self.cache = parents, backward, cache
        self.tapes, self.name = tapes, name


def is_variable(x):
    """A ``course.keras`` (or ``tf``) Variable: an object with a ``.value`` array to train."""
    return getattr(x, "is_variable", False) is True


def value_of(x):
    """The plain numpy value of a Tensor or a Variable (anything else unchanged)."""
    if isinstance(x, Tensor):
        return x.view(np.ndarray)
    if is_variable(x):
        return x.value
    return x


def _leaf(x):
    node = x.__dict__.get("_tape_node") if is_variable(x) else x._tape_node
    if node is None:
        node = Node(name=getattr(x, "path", "tensor"))
        x._tape_node = node
    return node


def node_of(x):
    """The node of ``x`` for the tapes recording now (watching a variable read under them)."""
    if isinstance(x, Tensor):
        return x._tape_node
    if is_variable(x):
        for tape in _RECORDING:
            if tape.watch_accessed_variables and x.trainable:
                tape.watch(x)
        return x.__dict__.get("_tape_node")
    return None


def recording():
    """Whether a tape records now."""
    return bool(_RECORDING)


def record(name, forward, backward, args, **attrs):
    """Run ``forward(*values, **attrs) -> (out, cache)`` on the values of ``args``.

    Args:
        name: the operation's name (for reading a tape).
        forward, backward: a ``course.ops`` pair; ``backward(dout, cache)`` returns one
            gradient (or None) per array in ``args``. ``backward=None``: no gradient.
        args: the differentiable inputs (arrays, numbers, Tensors, Variables).

    Returns:
        ``out`` as given when no argument is a Tensor or Variable; otherwise a Tensor,
        recorded (with a :class:`Node`) when a tape records and an argument is on it.
    """
    out, cache = forward(*(value_of(a) for a in args), **attrs)
    if _RECORDING and backward is not None:
        parents = tuple(node_of(a) for a in args)
        if any(p is not None for p in parents):
            result = as_tensor(out)
            result._tape_node = Node(parents, backward, cache, tuple(_RECORDING), name)
            return result
    if any(isinstance(a, Tensor) or is_variable(a) for a in args):
        return as_tensor(out)
    return out


NON_PERSISTENT_USED = ("A non-persistent GradientTape can only be used to compute one set of "
                       "gradients (or jacobians)")


class GradientTape:
    """Record operations for differentiation, as ``tf.GradientTape``.

    Args:
        persistent: allow several ``gradient`` calls (TensorFlow's default: one).
        watch_accessed_variables: watch every trainable variable read while recording.
    """

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self.persistent = persistent
        self.watch_accessed_variables = watch_accessed_variables
        self._watched = {}      # leaf node -> the watched tensor or variable
        self._used = False
        self._hidden = None     # the outer tapes an exclusive tape hides

    def __enter__(self):
        _RECORDING.append(self)
        return self

    def __exit__(self, *exc):
        if self in _RECORDING:
            _RECORDING.remove(self)
        if self._hidden is not None:
            _RECORDING[:0], self._hidden = self._hidden, None
        return False

    def exclusive(self):
        """Record with this tape alone (the outer tapes stop until it exits)."""
        self._hidden = list(_RECORDING)
        _RECORDING.clear()
        return self

    def watch(self, tensor):
        """Watch a Tensor or Variable (or a nested list/tuple/dict of them)."""
        for x in _flatten(tensor):
            if not (isinstance(x, Tensor) or is_variable(x)):
                raise ValueError(f"GradientTape.watch: passed in object of type "
                                 f"{type(x).__name__}, not a Tensor or Variable; convert it "
                                 f"first with tf.convert_to_tensor (keras.ops.convert_to_tensor)")
            self._watched[_leaf(x)] = x

    def watched_variables(self):
        """The variables this tape watched, in the order they were first watched."""
        return tuple(x for x in self._watched.values() if is_variable(x))

    def stop_recording(self):
        """A context in which this tape records nothing."""
        return _Paused(self)

    def reset(self):
        """Forget everything recorded so far."""
        self._watched.clear()

    def gradient(self, target, sources, output_gradients=None, unconnected_gradients="none"):
        """``d sum(target) / d source`` for each source, in the nested structure of ``sources``.

        Args:
            target: a Tensor, or a list of Tensors (their gradients add).
            sources: a Tensor or Variable, or a nested list/tuple/dict of them.
            output_gradients: the upstream gradient of each target (default: ones).
            unconnected_gradients: ``"none"`` (TensorFlow's default) or ``"zero"``.

        Returns:
            The gradients (Tensors of the sources' shapes and dtypes) in the structure of
            ``sources``; None for a source the target does not depend on.
        """
        if self._used and not self.persistent:
            raise RuntimeError(NON_PERSISTENT_USED)
        self._used = True
        targets = _flatten(target)
        upstream = (_flatten(output_gradients) if output_gradients is not None
                    else [None] * len(targets))
        grads, roots = {}, []
        for t, g in zip(targets, upstream):
            node = _node_on(t, self)
            if node is None:
                continue
            value = value_of(t)
            g = np.ones_like(value) if g is None else np.asarray(value_of(g), value.dtype)
            grads[node] = grads[node] + g if node in grads else np.broadcast_to(g, np.shape(value))
            roots.append(node)
        self._backward(grads, roots)
        return _unflatten(sources, [self._result(s, grads, unconnected_gradients)
                                    for s in _flatten(sources)])

    def _backward(self, grads, roots):
        def parents(node):
            return [p for p in node.parents if p is not None] if self in node.tapes else ()

        for node in reversed(topological_order(roots, parents)):
            g = grads.get(node)
            if g is None or node.backward is None or self not in node.tapes:
                continue
            for parent, dparent in zip(node.parents, node.backward(g, node.cache)):
                if parent is not None and dparent is not None:
                    grads[parent] = grads[parent] + dparent if parent in grads else dparent

    def _result(self, source, grads, unconnected):
        node = _node_on(source, self)
        g = grads.get(node) if node is not None else None
        value = value_of(source)
        if g is None:
            if unconnected in ("zero", "ZERO") or getattr(unconnected, "value", "") == "zero":
                return as_tensor(np.zeros_like(value))
            return None
        return as_tensor(np.array(g, dtype=value.dtype).reshape(np.shape(value)))


def _node_on(x, tape):
    """The node of ``x`` if ``tape`` watched or recorded it, else None."""
    node = (x.__dict__.get("_tape_node") if is_variable(x)
            else x._tape_node if isinstance(x, Tensor) else None)
    if node is None or not (node in tape._watched or tape in node.tapes):
        return None
    return node


class _Paused:
    def __init__(self, tape):
        self.tape = tape

    def __enter__(self):
        if self.tape not in _RECORDING:
            raise ValueError("stop_recording() works only while the tape is recording "
                             "(inside its `with` block)")
        _RECORDING.remove(self.tape)

    def __exit__(self, *exc):
        _RECORDING.append(self.tape)
        return False


def _flatten(structure):
    if isinstance(structure, dict):
        return [x for k in sorted(structure) for x in _flatten(structure[k])]
    if isinstance(structure, (list, tuple)):
        return [x for item in structure for x in _flatten(item)]
    return [structure]


def _unflatten(structure, flat):
    it = iter(flat)

    def build(s):
        if isinstance(s, dict):
            return {k: build(s[k]) for k in sorted(s)}
        if isinstance(s, (list, tuple)):
            return type(s)(build(item) for item in s)
        return next(it)

    return build(structure)
