"""``Tensor``: a numpy array that a tape can record, what ``keras.ops`` and ``tf`` return.

A :class:`Tensor` is an ``np.ndarray`` subclass, so everything that takes an array takes it
(the fused layers, the losses, the metrics, ``print``, ``np.asarray``), and its ``.shape``,
``.dtype``, indexing and ``float(t)`` are numpy's. Two things are added:

- ``.numpy()``, as TensorFlow's eager tensors have: the values as a plain array (a copy);
- ``_tape_node``: the :class:`~course.keras.ops.tape.Node` that a recording tape attached
  when it computed this tensor (None when it was not recorded).

Operators and numpy's ufuncs on a Tensor (``a + b``, ``a @ w``, ``np.exp(a)``, ``-a``,
``a.sum()``, ``a[i]``) go to the ``keras.ops`` function of the same meaning, so they are
recorded as ``keras.ops.add`` would be: that table (``UFUNCS``, ``FUNCTIONS``) is filled by
:mod:`course.keras.ops.numpy`. A numpy function outside the table computes on the values and
is not recorded (no gradient flows through it, as ``np.sin`` of a ``tf.Tensor`` in
TensorFlow); training a layer whose weights then receive no gradient raises an error that
says so.
"""

import numpy as np

UFUNCS = {}
"""``np.ufunc -> function(*inputs)``: numpy's ufuncs that are recorded (filled by ops.numpy)."""
FUNCTIONS = {}
"""``numpy function -> function(*args, **kwargs)``: numpy functions that are recorded."""
METHODS = {}
"""``"sum" -> function(tensor, ...)``: the array methods that are recorded."""


class Tensor(np.ndarray):
    """An array with ``.numpy()``, recorded by a tape when computed under one.

    Make one with ``keras.ops.convert_to_tensor(x)`` (or ``tf.constant(x)``).
    """

    _tape_node = None

    def numpy(self):
        """The values, as a plain ``np.ndarray`` (a copy)."""
        return np.array(self)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        rule = UFUNCS.get(ufunc) if method == "__call__" and not kwargs else None
        if method == "reduce" and ufunc is np.add and kwargs.get("out") is None:
            return METHODS["sum"](inputs[0], axis=kwargs.get("axis", 0),
                                  keepdims=kwargs.get("keepdims", False))
        if rule is not None:
            return rule(*inputs)
        plain = tuple(np.asarray(x).view(np.ndarray) if isinstance(x, Tensor) else x
                      for x in inputs)
        if "out" in kwargs:
            kwargs["out"] = tuple(np.asarray(x).view(np.ndarray) if isinstance(x, Tensor)
                                  else x for x in kwargs["out"])
        result = getattr(ufunc, method)(*plain, **kwargs)
        return _wrap(result)

    def __array_function__(self, func, types, args, kwargs):
        rule = FUNCTIONS.get(func)
        if rule is not None:
            return rule(*args, **kwargs)
        return super().__array_function__(func, types, args, kwargs)

    def __getitem__(self, index):
        return METHODS["getitem"](self, index)

    def sum(self, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
        return METHODS["sum"](self, axis=axis, keepdims=keepdims)

    def mean(self, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
        return METHODS["mean"](self, axis=axis, keepdims=keepdims)

    def max(self, axis=None, out=None, keepdims=False, **kwargs):
        return METHODS["max"](self, axis=axis, keepdims=keepdims)

    def min(self, axis=None, out=None, keepdims=False, **kwargs):
        return METHODS["min"](self, axis=axis, keepdims=keepdims)

    def reshape(self, *shape, order="C"):
        return METHODS["reshape"](self, shape[0] if len(shape) == 1 else shape)

    def transpose(self, *axes):
        return METHODS["transpose"](self, (axes[0] if len(axes) == 1 else axes) or None)

    @property
    def T(self):
        return self.transpose()

    def astype(self, dtype, *args, **kwargs):
        return METHODS["cast"](self, dtype)

    def __repr__(self):
        body = np.array2string(self.view(np.ndarray), separator=", ", prefix="Tensor(")
        return f"Tensor({body}, shape={self.shape}, dtype={self.dtype})"

    __hash__ = object.__hash__  # a Tensor can be a dictionary key (by identity), as in TF


def _wrap(result):
    if isinstance(result, tuple):
        return tuple(_wrap(r) for r in result)
    if isinstance(result, (np.ndarray, np.generic)):
        return np.asarray(result).view(Tensor)
    return result


def as_tensor(x):
    """An array (or number) as an unrecorded :class:`Tensor`, without copying an array."""
    return np.asarray(x).view(Tensor)
