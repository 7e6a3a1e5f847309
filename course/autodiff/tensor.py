"""An array with reverse-mode automatic differentiation: :class:`Value`, for numpy arrays.

Each operation on a :class:`Tensor` runs a primitive's forward at once (define-by-run)
and returns a new ``Tensor`` that keeps its parents and a closure over the primitive's
backward and cache: the *vector-Jacobian product* ``dout -> (d parent, ...)``, the array
form of ``Value``'s local derivative. ``backward()`` applies it in reversed topological
order::

    dL/d parent += vjp(dL/d node)

>>> x = Tensor([[1.0, 2.0], [3.0, 4.0]])
>>> y = (x * x).sum()
>>> y.backward()
>>> x.grad                                      # d sum(x^2) / dx = 2x
array([[2., 4.],
       [6., 8.]], dtype=float32)

Dtypes: ``float32`` by default; a numpy float array (float64 for gradient checks) keeps
its dtype, and a Python number combined with a Tensor takes the Tensor's dtype.

Calling ``backward()`` twice **accumulates**, as for :class:`~course.autodiff.value.Value`
(and PyTorch): each call adds ``d root / d node`` to ``node.grad``; ``zero_grad()`` resets.
``==`` and ``hash`` are identity, so Tensors can be dictionary keys.
"""

import numpy as np

from course.autodiff import primitives as P
from course.ops.topological_order import topological_order


class Tensor:
    """An array ``data`` and the gradient ``grad`` (same shape) of the last backward root.

    Args:
        data: array-like. A numpy floating array keeps its dtype; anything else (lists,
            numbers, integer arrays) becomes float32.

    Attributes:
        data: the numpy array.
        grad: ``d root / d self`` summed over the ``backward()`` calls, or None before any.
    """

    __array_ufunc__ = None  # ``array * tensor`` calls ``tensor.__rmul__``, not numpy's loop

    def __init__(self, data, _parents=(), _vjp=None, _op=""):
        self.data = _as_array(data)
        self.grad = None
        self._parents = _parents  # the Tensors this one was computed from
        self._vjp = _vjp          # dout -> one gradient per parent
        self._op = _op            # the primitive's name, for printing graphs

    def __repr__(self):
        return f"Tensor({self.data!r}, op={self._op!r})" if self._op else f"Tensor({self.data!r})"

    shape = property(lambda self: self.data.shape)
    dtype = property(lambda self: self.data.dtype)
    ndim = property(lambda self: self.data.ndim)

    def _apply(self, primitive, *others, **attrs):
        """Run ``primitive`` on ``self`` and ``others`` and record how to differentiate it."""
        inputs = (self,) + tuple(self._lift(o) for o in others)
        out, cache = primitive.forward(*(t.data for t in inputs), **attrs)
        return Tensor(out, inputs, lambda dout: primitive.backward(dout, cache), primitive.name)

    def _lift(self, x):
        """A Python number or array -> a constant Tensor of ``self``'s dtype."""
        return x if isinstance(x, Tensor) else Tensor(np.asarray(x, dtype=self.dtype))

    # -- arithmetic, broadcasting like numpy ----------------------------------------------------

    def __add__(self, other):
        return self._apply(P.ADD, other)

    def __sub__(self, other):
        return self._apply(P.SUBTRACT, other)

    def __mul__(self, other):
        return self._apply(P.MULTIPLY, other)

    def __truediv__(self, other):
        return self._apply(P.DIVIDE, other)

    def __radd__(self, other):
        return self._lift(other) + self

    def __rsub__(self, other):
        return self._lift(other) - self

    def __rmul__(self, other):
        return self._lift(other) * self

    def __rtruediv__(self, other):
        return self._lift(other) / self

    def __neg__(self):
        return self._apply(P.NEGATIVE)

    def __pow__(self, exponent):
        """``self ** exponent`` for a number ``exponent``."""
        if not isinstance(exponent, (int, float)):
            raise TypeError(f"Tensor ** k needs a number k, got {type(exponent).__name__}")
        return self._apply(P.POWER, exponent=exponent)

    def __matmul__(self, other):
        """``(..., D) @ (D, M) -> (..., M)``."""
        return self._apply(P.MATMUL, other)

    def __getitem__(self, index):
        """Indexing as numpy's (slices, integers, integer arrays)."""
        return self._apply(P.GETITEM, index=index)

    # -- reductions and shapes ------------------------------------------------------------------

    def sum(self, axis=None, keepdims=False):
        return self._apply(P.SUM, axis=axis, keepdims=keepdims)

    def mean(self, axis=None, keepdims=False):
        return self._apply(P.MEAN, axis=axis, keepdims=keepdims)

    def max(self, axis=None, keepdims=False):
        """Maximum along ``axis``; tied maxima share the gradient equally."""
        return self._apply(P.MAX, axis=axis, keepdims=keepdims)

    def reshape(self, *shape):
        return self._apply(P.RESHAPE, shape=shape[0] if len(shape) == 1 else shape)

    def transpose(self, *axes):
        return self._apply(P.TRANSPOSE, axes=(axes[0] if len(axes) == 1 else axes) or None)

    T = property(lambda self: self.transpose())

    # -- elementwise functions and activations (``course.ops`` pairs) ---------------------------

    def exp(self):
        return self._apply(P.EXP)

    def log(self):
        return self._apply(P.LOG)

    def relu(self):
        return self._apply(P.RELU)

    def sigmoid(self):
        return self._apply(P.SIGMOID)

    def tanh(self):
        return self._apply(P.TANH)

    def softmax(self, axis=-1):
        return self._apply(P.SOFTMAX, axis=axis)

    def log_softmax(self, axis=-1):
        return self._apply(P.LOG_SOFTMAX, axis=axis)

    def softmax_cross_entropy(self, y_true):
        """Mean cross-entropy of ``softmax(self)`` for logits ``(N, K)``: a scalar Tensor.

        ``y_true``: integer labels ``(N,)`` or one-hot targets ``(N, K)`` (a numpy array,
        not differentiated). Forward and backward are ``course.ops``'s fused kernel.
        """
        return self._apply(P.SOFTMAX_CROSS_ENTROPY, labels=np.asarray(y_true))

    # -- differentiation ------------------------------------------------------------------------

    def backward(self, grad=None):
        """Add ``d self / d node`` to ``node.grad`` for every node ``self`` depends on.

        Args:
            grad: the upstream gradient, shape of ``self``; may be omitted when ``self``
                has one element (a loss), and is then 1.
        """
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without a gradient needs a single-element "
                                 f"Tensor, this one has shape {self.shape}")
            grad = np.ones_like(self.data)
        grads = {self: np.asarray(grad, dtype=self.dtype).reshape(self.shape)}
        for node in reversed(topological_order([self], _parents)):
            g = grads.pop(node)
            node.grad = np.array(g, node.dtype) if node.grad is None else node.grad + g
            if node._vjp is None:
                continue
            for parent, dparent in zip(node._parents, node._vjp(g)):
                grads[parent] = grads[parent] + dparent if parent in grads else dparent

    def zero_grad(self):
        """Set ``.grad = None`` on ``self`` and on every node it depends on."""
        for node in topological_order([self], _parents):
            node.grad = None


def _parents(tensor):
    return tensor._parents


def _as_array(data):
    if isinstance(data, (np.ndarray, np.generic)) and data.dtype.kind == "f":
        return np.asarray(data)
    return np.asarray(data, dtype=np.float32)
