"""The metric base classes, as Keras 3's: streaming ``update_state``/``result``/``reset_state``.

``Mean`` and ``Sum`` reduce values; ``MeanMetricWrapper`` takes the weighted mean of a
per-sample function; ``ConfusionCounts`` accumulates weighted true/false positive/negative
counts at thresholds, the state of Precision, Recall, AUC and the confusion metrics.
"""

import re

import numpy as np


def divide_no_nan(a, b):
    """``a / b``, and 0 where ``b`` is 0."""
    a = np.asarray(a, dtype=np.float64)
    return np.divide(a, b, out=np.zeros_like(a), where=np.asarray(b) > 0)


class Metric:
    """Base class of a streaming metric: ``Metric(name=None, dtype=None)``."""

    default_name = None

    def __init__(self, name=None, dtype=None):
        self.name = name or self.default_name or re.sub(
            r"(?<!^)(?=[A-Z])", "_", type(self).__name__).lower()
        self.dtype = dtype
        self._metric_weights = []
        try:
            self.reset_state()
        except AttributeError:  # a subclass's state comes after (its add_weight calls)
            pass

    def add_weight(self, shape=(), initializer="zeros", dtype=None, name=None):
        """A state variable (Keras 3's ``Metric.add_weight``), reset to its initial value."""
        from course.keras import initializers
        from course.keras.variable import Variable
        value = initializers.get(initializer)(tuple(shape), dtype=dtype or "float32")
        var = Variable(value, name or f"variable_{len(self._metric_weights)}", trainable=False)
        self._metric_weights.append((var, value.copy()))
        return var

    def reset_state(self):
        """Every ``add_weight`` variable back to its initial value (subclasses with other
        state override it)."""
        for var, initial in self._metric_weights:
            var.assign(initial)

    def update_state(self, y_true, y_pred, sample_weight=None):
        raise NotImplementedError

    def result(self):
        raise NotImplementedError

    def __call__(self, *args, **kwargs):
        """``update_state(*args)``, then ``result()``: the metric so far, as Keras 3
        (``train_loss(loss)`` in a custom loop accumulates the epoch's mean)."""
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class Mean(Metric):
    """The weighted mean of the values it is given (``fit`` uses it for the loss)."""

    default_name = "mean"

    def reset_state(self):
        self.total = 0.0
        self.count = 0.0

    def update_state(self, values, sample_weight=None):
        values = np.asarray(values, dtype=np.float64)
        if sample_weight is None:
            self.total += float(values.sum())
            self.count += values.size
        else:
            w = np.broadcast_to(_align_weight(sample_weight, values), values.shape)
            self.total += float((values * w).sum())
            self.count += float(w.sum())

    def result(self):
        return self.total / self.count if self.count else 0.0


class Sum(Metric):
    """The weighted sum of the values it is given."""

    default_name = "sum"

    def reset_state(self):
        self.total = 0.0

    def update_state(self, values, sample_weight=None):
        values = np.asarray(values, dtype=np.float64)
        if sample_weight is not None:
            values = values * _align_weight(sample_weight, values)
        self.total += float(values.sum())

    def result(self):
        return self.total


def _align_weight(sample_weight, values):
    """Weights ``(N,)`` (or ``(N, 1)``) against values ``(N, ...)``, as Keras aligns them."""
    w = np.asarray(sample_weight, dtype=np.float64)
    if w.ndim == values.ndim + 1 and w.shape[-1] == 1:
        w = w[..., 0]
    return w.reshape(w.shape + (1,) * (values.ndim - w.ndim))


class MeanMetricWrapper(Mean):
    """``MeanMetricWrapper(fn, name=None, dtype=None, **kwargs)``: the weighted mean of the
    per-sample values ``fn(y_true, y_pred, **kwargs)``."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        self._fn, self._fn_kwargs = fn, kwargs
        super().__init__(name=name or getattr(fn, "__name__", None), dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        values = self._fn(np.asarray(y_true), np.asarray(y_pred), **self._fn_kwargs)
        super().update_state(values, sample_weight)

    def get_config(self):
        return {**super().get_config(), **self._fn_kwargs}


class ConfusionCounts(Metric):
    """Weighted true/false positive/negative counts at one or more thresholds.

    A prediction above a threshold counts as positive; a label above 0.5 is positive.
    With ``class_id``, only that column of ``y_true`` and ``y_pred`` counts.
    """

    def __init__(self, thresholds=0.5, name=None, dtype=None, class_id=None):
        self.thresholds = np.atleast_1d(np.asarray(thresholds, dtype=np.float64))
        self.class_id = class_id
        super().__init__(name, dtype)

    def reset_state(self):
        k = len(self.thresholds)
        self.tp, self.fp, self.tn, self.fn = (np.zeros(k) for _ in range(4))

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = np.asarray(y_true, dtype=np.float64)
        y_pred = np.asarray(y_pred, dtype=np.float64)
        if y_true.ndim == y_pred.ndim - 1:
            y_true = y_true[..., None]
        if y_true.shape != y_pred.shape:
            raise ValueError(f"{self.name}: y_true of shape {y_true.shape} does not fit "
                             f"y_pred of shape {y_pred.shape}")
        w = (np.ones_like(y_pred) if sample_weight is None else
             np.broadcast_to(_align_weight(sample_weight, y_pred), y_pred.shape))
        if self.class_id is not None:
            y_true, y_pred, w = (a[..., self.class_id] for a in (y_true, y_pred, w))
        pos, pred, w = y_true.reshape(-1) > 0.5, y_pred.reshape(-1), w.reshape(-1)
        above = pred[None, :] > self.thresholds[:, None]
        self.tp += (above & pos) @ w
        self.fp += (above & ~pos) @ w
        self.fn += (~above & pos) @ w
        self.tn += (~above & ~pos) @ w
