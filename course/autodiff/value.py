"""A scalar with reverse-mode automatic differentiation.

Every arithmetic operation on a :class:`Value` returns a new ``Value`` that remembers its
parents (the operands) and the *local derivatives* ``d out / d parent``, computed at the
same time as ``out``. ``out.backward()`` then applies the chain rule from ``out`` down to
every node it depends on::

    dL/d parent += dL/d node * d node/d parent

visiting each node after every node that uses it (a reversed topological order). The
``+=`` matters: a value used twice (``x * x``) receives a contribution from each use.

>>> x = Value(3.0)
>>> y = x * x + 2 * x
>>> y.backward()
>>> x.grad                       # dy/dx = 2x + 2
8.0

Calling ``backward()`` twice **accumulates**, as PyTorch does: each call adds
``d root / d node`` to every ``node.grad`` (so twice gives twice the gradient), which is
what lets several losses add their gradients into the same parameters. Call
``root.zero_grad()`` (or set ``.grad = 0`` on the parameters) before the next step.

``==`` and ``hash`` are identity, so Values can be dictionary keys.
"""

import math

from course.ops.topological_order import topological_order


class Value:
    """A scalar ``data`` and the gradient ``grad`` of the last backward root w.r.t. it.

    Args:
        data: the number (stored as a Python float).

    Attributes:
        data: the value.
        grad: ``d root / d self`` summed over the ``backward()`` calls so far; 0 at first.
    """

    def __init__(self, data, _parents=(), _local_grads=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._parents = _parents          # the Values this one was computed from
        self._local_grads = _local_grads  # d self / d parent, one number per parent
        self._op = _op                    # the operation's symbol, for printing graphs

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- arithmetic ------------------------------------------------------------------------

    def __add__(self, other):
        other = _as_value(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __mul__(self, other):
        other = _as_value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data), "*")

    def __pow__(self, k):
        """``self ** k`` for a number ``k`` (not a Value): ``d/dx x^k = k x^(k-1)``."""
        if not isinstance(k, (int, float)):
            raise TypeError(f"Value ** k needs a number k, got {type(k).__name__}")
        if self.data < 0 and k != int(k):
            raise ValueError(f"{self.data} ** {k}: a negative number to a fractional power "
                             f"is not a real number")
        if self.data == 0 and k < 0:
            raise ZeroDivisionError(f"0 ** {k}: division by zero")
        if k == 0:
            local = 0.0
        elif self.data == 0 and k < 1:
            local = math.inf  # the slope of x ** k at 0 for 0 < k < 1 (e.g. sqrt)
        else:
            local = k * self.data ** (k - 1)
        return Value(self.data ** k, (self,), (local,), f"**{k}")

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-_as_value(other))

    def __truediv__(self, other):
        """``a / b`` with its local derivatives ``1/b`` and ``-a/b^2``."""
        other = _as_value(other)
        if other.data == 0:
            raise ZeroDivisionError("Value division by zero")
        a, b = self.data, other.data
        return Value(a / b, (self, other), (1 / b, -a / b ** 2), "/")

    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return _as_value(other) - self

    def __rmul__(self, other):
        return self * other

    def __rtruediv__(self, other):
        return _as_value(other) / self

    # -- functions -------------------------------------------------------------------------

    def exp(self):
        """``e^x``, its own derivative."""
        e = math.exp(self.data)
        return Value(e, (self,), (e,), "exp")

    def log(self):
        """Natural logarithm, ``d/dx log x = 1/x``; raises ValueError for ``x <= 0``."""
        if self.data <= 0:
            raise ValueError(f"log of a non-positive number: {self.data}")
        return Value(math.log(self.data), (self,), (1 / self.data,), "log")

    def tanh(self):
        """``tanh x``, with ``d/dx tanh x = 1 - tanh(x)^2``."""
        t = math.tanh(self.data)
        return Value(t, (self,), (1 - t * t,), "tanh")

    def relu(self):
        """``max(x, 0)``; the derivative at 0 is taken as 0."""
        x = self.data
        return Value(max(x, 0.0), (self,), (1.0 if x > 0 else 0.0,), "relu")

    def sigmoid(self):
        """``1 / (1 + e^-x)``, with ``d/dx = s (1 - s)``; never overflows."""
        x = self.data
        s = 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
        return Value(s, (self,), (s * (1 - s),), "sigmoid")

    # -- differentiation -------------------------------------------------------------------

    def backward(self):
        """Add ``d self / d node`` to ``node.grad`` for every node ``self`` depends on.

        The pass collects this call's gradients in a dictionary and adds each node's total
        to ``node.grad`` once, so calling ``backward()`` again accumulates exactly one more
        gradient (it does not re-propagate what earlier calls left in ``.grad``).
        """
        grads = {self: 1.0}
        for node in reversed(self.topological_order()):
            g = grads.pop(node)
            node.grad += g
            for parent, local in zip(node._parents, node._local_grads):
                grads[parent] = grads.get(parent, 0.0) + g * local

    def zero_grad(self):
        """Set ``.grad = 0`` on ``self`` and on every node it depends on."""
        for node in self.topological_order():
            node.grad = 0.0

    def topological_order(self):
        """Every Value ``self`` depends on (``self`` included), each after all its parents,
        found without recursion (:func:`course.ops.topological_order.topological_order`)."""
        return topological_order([self], _parents)


def _parents(value):
    return value._parents


def _as_value(x):
    return x if isinstance(x, Value) else Value(x)
