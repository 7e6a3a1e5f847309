"""One name, two kinds of code: a TensorFlow 1 graph node in, a graph node out; eager
values in, an eager result out.

``import course.tf as tf`` serves TensorFlow 2 code (eager, ``tf.GradientTape``) and
TensorFlow 1 scripts (``tf.placeholder``, ``tf.Session``) alike. A function that both
have (``tf.matmul``, ``tf.reduce_sum``, ``tf.nn.softmax``...) looks at its arguments:
any graph node (a placeholder, a graph Variable, an operation) makes it build a graph
node with :mod:`course.autodiff.tf`; otherwise it computes now with ``keras.ops``.
"""

import functools

from course.autodiff.graph import Node


def graph_mode_flag():
    """Whether the program asked for TensorFlow 1 (``disable_eager_execution``)."""
    return _STATE["graph"]


_STATE = {"graph": False}


def enter_graph_mode():
    _STATE["graph"] = True


def has_node(args, kwargs):
    """Whether a graph node is among the arguments (lists and tuples looked into)."""
    def any_node(x):
        if isinstance(x, Node):
            return True
        return isinstance(x, (list, tuple)) and any(any_node(v) for v in x)
    return any(any_node(a) for a in args) or any(any_node(v) for v in kwargs.values())


def either(graph_fn, eager_fn):
    """A function that runs ``graph_fn`` on graph nodes and ``eager_fn`` on eager values."""
    @functools.wraps(eager_fn)
    def fn(*args, **kwargs):
        if has_node(args, kwargs):
            return graph_fn(*args, **kwargs)
        return eager_fn(*args, **kwargs)
    return fn
