"""Loss objects and names as Keras has them, each a thin shell over a ``course.ops`` pair.

A loss object's ``__call__(y_true, y_pred, sample_weight=None)`` returns the scalar loss
(the batch mean); ``forward``/``backward`` give the training loop the loss and
``dloss/dy_pred``. The functions (``categorical_crossentropy(y_true, y_pred)`` ...) return
one loss per sample, shape ``y_pred.shape[:-1]``, as Keras's do.
``y_true`` of shape ``(N,)`` against ``y_pred`` of ``(N, 1)`` is expanded as Keras does.
"""

import numpy as np

from course.keras import loss_on_tape
from course.keras.ops.tape import record
from course.keras.ops.tensor import Tensor
from course.ops import losses as L


class Loss:
    """Base class: ``name`` and the ops pair ``(forward, backward)`` in ``ops_pair``."""

    name = None
    ops_pair = None
    from_logits = False

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        """For a subclass written in ``keras.ops`` (it defines ``call(y_true, y_pred)``)."""
        self.name = name or type(self).name or type(self).__name__.lower()
        self.reduction = reduction

    def call(self, y_true, y_pred):
        """One loss per sample (a subclass written in ``keras.ops`` defines it)."""
        raise NotImplementedError

    def _align(self, y_true, y_pred):
        y_true = np.asarray(y_true)
        if y_true.dtype.kind in "biu" and not self.sparse:
            y_true = y_true.astype(y_pred.dtype)
        if not self.sparse and y_true.ndim == y_pred.ndim - 1 and y_pred.shape[-1] == 1:
            y_true = y_true[..., None]
        if not self.sparse and y_true.shape != y_pred.shape:
            raise ValueError(
                f"{type(self).__name__}: y_true and y_pred must have the same shape, received "
                f"y_true {y_true.shape} and y_pred {y_pred.shape}"
                + (". For integer labels, use 'sparse_categorical_crossentropy' or "
                   "to_categorical(y)" if y_true.ndim == 1 and y_pred.ndim == 2 else ""))
        return y_true

    sparse = False

    def check_targets(self, y_shape, y_pred_shape):
        """Raise a clear error when targets of ``y_shape`` do not fit outputs of ``y_pred_shape``."""
        if self.ops_pair is None:
            return
        if self.sparse:
            ok = len(y_shape) == len(y_pred_shape) - 1 or (
                len(y_shape) == len(y_pred_shape) and y_shape[-1] == 1)
            if not ok:
                raise ValueError(
                    f"{type(self).__name__} expects integer class labels of shape (N,), but "
                    f"received targets of shape {tuple(y_shape)} for outputs of shape "
                    f"{tuple(y_pred_shape)}. For one-hot targets use 'categorical_crossentropy'.")
            return
        self._align(np.zeros((1,) + tuple(y_shape[1:])),
                    np.zeros((1,) + tuple(d or 1 for d in y_pred_shape[1:]), np.float32))

    def forward(self, y_true, y_pred, sample_weight=None):
        """``(loss, cache)`` for a batch."""
        if self.ops_pair is None:
            return loss_on_tape.forward(self.call, y_true, y_pred, sample_weight)
        return self.ops_pair[0](self._align(y_true, y_pred), y_pred, sample_weight)

    def backward(self, cache, dloss=1.0):
        """``dloss/dy_pred``, shape of ``y_pred``."""
        if self.ops_pair is None:
            return loss_on_tape.backward(cache, dloss)
        return self.ops_pair[1](dloss, cache)

    def __call__(self, y_true, y_pred, sample_weight=None):
        if self.ops_pair is None:
            return loss_on_tape.batch_mean(self.call(y_true, y_pred), sample_weight)
        if isinstance(y_pred, Tensor):  # under a tape: one operation, this loss's own pair
            return record(self.name, lambda p: self.forward(y_true, p, sample_weight),
                          lambda d, cache: (self.backward(cache, float(d)),), (y_pred,))
        y_pred = np.asarray(y_pred, dtype=np.result_type(np.asarray(y_pred).dtype, np.float32))
        return self.forward(y_true, y_pred, sample_weight)[0]

    def per_sample(self, y_true, y_pred):
        """One loss per sample (reduced over the last axis only): shape ``y_pred.shape[:-1]``.

        Each row goes through the same ``course.ops`` forward as a batch of one, so the
        numbers are those of the batch loss, before its mean.
        """
        y_pred = np.asarray(y_pred, dtype=np.result_type(np.asarray(y_pred).dtype, np.float32))
        if y_pred.ndim < 2:
            return self(np.asarray(y_true)[None], y_pred[None])
        y_true = self._align(y_true, y_pred)
        rows_pred = y_pred.reshape(-1, 1, y_pred.shape[-1])
        rows_true = (y_true.reshape(-1, 1) if self.sparse
                     else y_true.reshape(-1, 1, y_true.shape[-1]))
        forward = self.ops_pair[0]
        values = [forward(t, p, None)[0] for t, p in zip(rows_true, rows_pred)]
        return np.asarray(values, dtype=y_pred.dtype).reshape(y_pred.shape[:-1])

    def get_config(self):
        return {"name": self.name, "from_logits": self.from_logits}


class MeanSquaredError(Loss):
    name = "mean_squared_error"
    ops_pair = (L.mean_squared_error_forward, L.mean_squared_error_backward)


class MeanAbsoluteError(Loss):
    name = "mean_absolute_error"
    ops_pair = (L.mean_absolute_error_forward, L.mean_absolute_error_backward)


class _MaybeFromLogits(Loss):
    probs_pair = logits_pair = None

    def __init__(self, from_logits=False):
        self.from_logits = bool(from_logits)
        self.ops_pair = self.logits_pair if self.from_logits else self.probs_pair


class BinaryCrossentropy(_MaybeFromLogits):
    name = "binary_crossentropy"
    probs_pair = (L.binary_crossentropy_forward, L.binary_crossentropy_backward)
    logits_pair = (L.binary_crossentropy_from_logits_forward,
                   L.binary_crossentropy_from_logits_backward)


class CategoricalCrossentropy(_MaybeFromLogits):
    name = "categorical_crossentropy"
    probs_pair = (L.categorical_crossentropy_forward, L.categorical_crossentropy_backward)
    logits_pair = (L.categorical_crossentropy_from_logits_forward,
                   L.categorical_crossentropy_from_logits_backward)


class SparseCategoricalCrossentropy(_MaybeFromLogits):
    name = "sparse_categorical_crossentropy"
    sparse = True
    probs_pair = (L.sparse_categorical_crossentropy_forward,
                  L.sparse_categorical_crossentropy_backward)
    logits_pair = (L.sparse_categorical_crossentropy_from_logits_forward,
                   L.sparse_categorical_crossentropy_from_logits_backward)


_BY_NAME = {
    "mean_squared_error": MeanSquaredError, "mse": MeanSquaredError,
    "mean_absolute_error": MeanAbsoluteError, "mae": MeanAbsoluteError,
    "binary_crossentropy": BinaryCrossentropy,
    "categorical_crossentropy": CategoricalCrossentropy,
    "sparse_categorical_crossentropy": SparseCategoricalCrossentropy,
}
LOSS_CLASSES = tuple(dict.fromkeys(_BY_NAME.values()))


def _function(cls):
    if issubclass(cls, _MaybeFromLogits):
        def loss(y_true, y_pred, from_logits=False):
            return cls(from_logits=from_logits).per_sample(y_true, y_pred)
    else:
        def loss(y_true, y_pred):
            return cls().per_sample(y_true, y_pred)
    loss.__name__ = cls.name
    loss.__doc__ = (f"One {cls.__name__} per sample, shape ``y_pred.shape[:-1]`` (Keras's "
                    f"function form; ``{cls.__name__}()`` gives the batch mean).")
    return loss


mean_squared_error = mse = _function(MeanSquaredError)
mean_absolute_error = mae = _function(MeanAbsoluteError)
binary_crossentropy = _function(BinaryCrossentropy)
categorical_crossentropy = _function(CategoricalCrossentropy)
sparse_categorical_crossentropy = _function(SparseCategoricalCrossentropy)


def get(identifier):
    """A name (``"mse"``, ``"categorical_crossentropy"``), a function above, or a Loss."""
    if isinstance(identifier, Loss):
        return identifier
    name = identifier if isinstance(identifier, str) else getattr(identifier, "__name__", None)
    if name in _BY_NAME:
        return _BY_NAME[name]()
    if callable(identifier) and not isinstance(identifier, type):
        return LossFunctionWrapper(identifier)
    raise ValueError(f"Unknown loss: {identifier!r}. Known losses: {', '.join(sorted(_BY_NAME))}")


class LossFunctionWrapper(Loss):
    """A loss function ``fn(y_true, y_pred) -> per-sample losses`` written in ``keras.ops``."""

    def __init__(self, fn, name=None, reduction="sum_over_batch_size"):
        super().__init__(name=name or getattr(fn, "__name__", "loss"), reduction=reduction)
        self.fn = fn

    def call(self, y_true, y_pred):
        return self.fn(y_true, y_pred)
