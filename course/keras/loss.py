"""The loss base classes, as Keras 3's ``keras.losses.Loss`` and ``LossFunctionWrapper``.

A loss object computes one value per sample with a ``course.ops`` per-sample pair,
then weighs and reduces the values with :mod:`course.ops.loss_reduction`
(``reduction="sum_over_batch_size"`` by default: the mean over the batch).
``loss(y_true, y_pred, sample_weight=None)`` gives the loss; ``forward``/``backward`` give
the training loop the loss and ``dloss/dy_pred``.
"""

import re

import numpy as np

from course.data.pipeline.eager_array import EagerArray
from course.keras import loss_on_tape
from course.keras.ops.tape import record
from course.keras.ops.tensor import Tensor
from course.ops.loss_reduction import (check_reduction, loss_reduction_backward,
                                       loss_reduction_forward, squeeze_or_expand_to_same_rank)


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def as_float_array(y_pred, dtype=None):
    """``y_pred`` as a float array: ``dtype``, or float32 unless it already is float64."""
    y_pred = np.asarray(y_pred)
    return y_pred.astype(dtype or np.result_type(y_pred.dtype, np.float32), copy=False)


class Loss:
    """``Loss(name=None, reduction="sum_over_batch_size", dtype=None)``.

    A subclass computes per-sample losses in ``call(y_true, y_pred)``; ``__call__`` weighs
    them by ``sample_weight`` and reduces them as ``reduction`` says.
    """

    from_logits = False
    sparse = False

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or _snake(type(self).__name__)
        self.reduction = check_reduction(reduction)
        self.dtype = dtype

    def call(self, y_true, y_pred):
        raise NotImplementedError(f"{type(self).__name__} must define call(y_true, y_pred)")

    def __call__(self, y_true, y_pred, sample_weight=None):
        if isinstance(y_pred, Tensor):  # under a tape: call() in keras.ops is recorded
            return loss_on_tape.reduce(self.call(y_true, y_pred), sample_weight, self.reduction)
        y_pred = as_float_array(y_pred, self.dtype)
        values = self.call(y_true, y_pred)  # an array with .numpy(), as Keras gives
        loss = loss_reduction_forward(values, sample_weight, None, self.reduction)[0]
        return np.asarray(loss).view(EagerArray)

    def forward(self, y_true, y_pred, sample_weight=None):
        """``(loss, cache)``: a ``call`` written in ``keras.ops``, on a private tape."""
        return loss_on_tape.forward(self.call, y_true, y_pred, sample_weight, self.reduction)

    def backward(self, cache, dloss=1.0):
        """``dloss/dy_pred`` from the private tape of :meth:`forward`."""
        return loss_on_tape.backward(cache, dloss)

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def check_targets(self, y_shape, y_pred_shape):
        """Raise a clear error when targets of ``y_shape`` do not fit outputs of
        ``y_pred_shape`` (a custom ``call`` checks its own inputs)."""


class LossFunctionWrapper(Loss):
    """A loss built on a per-sample loss function ``fn(y_true, y_pred, **kwargs)``.

    When ``fn`` is one of ``course.keras.losses``'s functions it carries its ``course.ops``
    pair (``fn.ops_pair``), and the loss has a gradient (``forward``/``backward``).
    """

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(name=name or getattr(fn, "__name__", None), reduction=reduction,
                         dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs
        self.sparse = getattr(fn, "sparse", False)

    def _align(self, y_true, y_pred):
        """``y_true`` and ``y_pred`` of one shape (sparse labels one axis shorter)."""
        y_true = np.asarray(y_true)
        if not self.sparse:
            y_true = y_true.astype(y_pred.dtype, copy=False)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        if self.sparse:
            lead = y_true.shape[:-1] if y_true.ndim == y_pred.ndim and y_true.shape[-1:] == (
                1,) else y_true.shape
            if lead != y_pred.shape[:-1]:
                raise ValueError(
                    f"{type(self).__name__} expects integer class labels of shape "
                    f"{y_pred.shape[:-1]} for y_pred of shape {y_pred.shape}, but received "
                    f"y_true of shape {y_true.shape}. For one-hot targets use "
                    f"'categorical_crossentropy'.")
        elif y_true.shape != y_pred.shape:
            raise ValueError(
                f"{type(self).__name__}: y_true and y_pred must have the same shape, received "
                f"y_true {y_true.shape} and y_pred {y_pred.shape}"
                + (". For integer labels, use 'sparse_categorical_crossentropy' or "
                   "to_categorical(y)" if y_true.ndim == 1 and y_pred.ndim == 2 else ""))
        return y_true, y_pred

    def _last_axis(self, y_true, y_pred):
        axis = self._fn_kwargs.get("axis", -1)
        if axis in (-1, y_pred.ndim - 1):
            return y_true, y_pred
        return np.moveaxis(y_true, axis, -1), np.moveaxis(y_pred, axis, -1)

    def call(self, y_true, y_pred):
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def mask(self, y_true):
        """False where a sample does not count (labels equal to ``ignore_class``), or None."""
        ignore = self._fn_kwargs.get("ignore_class")
        if ignore is None:
            return None
        labels = np.asarray(y_true)
        return labels[..., 0] != ignore if labels.ndim and labels.shape[-1] == 1 and \
            labels.ndim > 1 else labels != ignore

    def forward(self, y_true, y_pred, sample_weight=None):
        """``(loss, cache)`` for a batch."""
        y_pred = as_float_array(y_pred, self.dtype)
        pair = getattr(self.fn, "ops_pair", None)
        if pair is None:  # a function written in keras.ops: differentiated on a tape
            return loss_on_tape.forward(self.call, y_true, y_pred, sample_weight,
                                        self.reduction)
        shape = y_pred.shape
        y_true, aligned = self._align(y_true, y_pred)
        t, p = self._last_axis(y_true, aligned)
        options = {k: v for k, v in self._fn_kwargs.items() if k != "axis"}
        values, cache = pair[0](t, p, **options)
        loss, reduce_cache = loss_reduction_forward(values, sample_weight, self.mask(y_true),
                                                    self.reduction)
        return loss, (cache, reduce_cache, aligned.ndim, shape)

    def backward(self, cache, dloss=1.0):
        """``dloss/dy_pred``, the shape of ``y_pred``."""
        if getattr(self.fn, "ops_pair", None) is None:
            return loss_on_tape.backward(cache, dloss)
        cache, reduce_cache, ndim, shape = cache
        dy = self.fn.ops_pair[1](loss_reduction_backward(dloss, reduce_cache), cache)
        axis = self._fn_kwargs.get("axis", -1)
        if axis not in (-1, ndim - 1):
            dy = np.moveaxis(dy, -1, axis)
        return dy.reshape(shape)

    def __call__(self, y_true, y_pred, sample_weight=None):
        if getattr(self.fn, "ops_pair", None) is None:
            return super().__call__(y_true, y_pred, sample_weight)
        if isinstance(y_pred, Tensor):  # under a tape: one operation, this loss's own pair
            return record(self.name, lambda p: self.forward(y_true, p, sample_weight),
                          lambda d, cache: (self.backward(cache, float(d)),), (y_pred,))
        return np.asarray(self.forward(y_true, y_pred, sample_weight)[0]).view(EagerArray)

    def check_targets(self, y_shape, y_pred_shape):
        if getattr(self.fn, "ops_pair", None) is None:  # a custom function checks its own
            return
        self._align(np.zeros((1,) + tuple(y_shape[1:]), np.int64),
                    np.zeros((1,) + tuple(d or 1 for d in y_pred_shape[1:]), np.float32))

    def get_config(self):
        return {**super().get_config(), **self._fn_kwargs}
