"""Metrics with Keras's names and streaming semantics.

A metric accumulates over batches: ``update_state(y_true, y_pred, sample_weight=None)``,
``result()``, ``reset_state()``. Per-sample metrics (accuracies) report the weighted mean
``sum(w * value) / sum(w)``; Precision, Recall and AUC accumulate confusion counts.
"""

import numpy as np


class Metric:
    """Base class of a streaming metric."""

    def __init__(self, name=None, dtype=None):
        self.name = name or self.default_name
        self._metric_weights = []
        try:
            self.reset_state()
        except AttributeError:  # a subclass's weights come after (its add_weight calls)
            pass

    default_name = "metric"

    def add_weight(self, shape=(), initializer="zeros", dtype=None, name=None):
        """A state variable (Keras 3's ``Metric.add_weight``), reset to its initial value."""
        from course.keras import initializers
        from course.keras.variable import Variable
        value = initializers.get(initializer)(tuple(shape), dtype=dtype or "float32")
        var = Variable(value, name or f"variable_{len(self._metric_weights)}", trainable=False)
        self._metric_weights.append((var, value.copy()))
        return var

    def reset_state(self):
        """Every ``add_weight`` variable back to its initial value."""
        for var, initial in self._metric_weights:
            var.assign(initial)

    def update_state(self, y_true, y_pred, sample_weight=None):
        raise NotImplementedError

    def result(self):
        raise NotImplementedError

    def __call__(self, y_true, y_pred, sample_weight=None):
        """Stateless: the metric of one batch."""
        self.reset_state()
        self.update_state(y_true, y_pred, sample_weight)
        value = self.result()
        self.reset_state()
        return value


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
            w = np.broadcast_to(np.asarray(sample_weight, np.float64), values.shape)
            self.total += float((values * w).sum())
            self.count += float(w.sum())

    def result(self):
        return self.total / self.count if self.count else 0.0


class MeanMetricWrapper(Mean):
    """The weighted mean of a per-sample function ``fn(y_true, y_pred) -> (N,)``."""

    fn = None

    def update_state(self, y_true, y_pred, sample_weight=None):
        super().update_state(self.fn(np.asarray(y_true), np.asarray(y_pred)), sample_weight)


def _squeeze_labels(y):
    return y[..., 0] if y.ndim > 1 and y.shape[-1] == 1 else y


def accuracy(y_true, y_pred):
    """Per-sample exact match ``y_true == y_pred``."""
    return (y_true == y_pred).astype(np.float32).reshape(len(y_true), -1).mean(-1)


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """Per-sample mean of ``(y_pred > threshold) == y_true`` over the last axis."""
    if y_true.ndim == y_pred.ndim - 1:
        y_true = y_true[..., None]
    hits = ((y_pred > threshold) == (y_true > 0.5)).astype(np.float32)
    return hits.reshape(len(hits), -1).mean(-1)


def categorical_accuracy(y_true, y_pred):
    """``argmax(y_true) == argmax(y_pred)`` per sample."""
    return (y_true.argmax(-1) == y_pred.argmax(-1)).astype(np.float32)


def sparse_categorical_accuracy(y_true, y_pred):
    """``y_true == argmax(y_pred)`` per sample, with integer labels ``(N,)`` or ``(N, 1)``."""
    return (_squeeze_labels(y_true).astype(np.int64) == y_pred.argmax(-1)).astype(np.float32)


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """Whether ``argmax(y_true)`` is among the ``k`` largest predictions."""
    return _in_top_k(y_true.argmax(-1), y_pred, k)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    """Whether the integer label is among the ``k`` largest predictions."""
    return _in_top_k(_squeeze_labels(y_true).astype(np.int64), y_pred, k)


def _in_top_k(labels, y_pred, k):
    target = y_pred[np.arange(len(labels)), labels]
    return ((y_pred > target[:, None]).sum(-1) < k).astype(np.float32)


def _wrapper(class_name, fn, name, **fixed):
    def per_sample(self, y_true, y_pred):
        return fn(y_true, y_pred, **self.options)

    def __init__(self, name=None, **options):
        self.options = {**fixed, **options}
        Metric.__init__(self, name)

    return type(class_name, (MeanMetricWrapper,), {
        "fn": per_sample, "__init__": __init__, "default_name": name,
        "__doc__": fn.__doc__})


Accuracy = _wrapper("Accuracy", accuracy, "accuracy")
BinaryAccuracy = _wrapper("BinaryAccuracy", binary_accuracy, "binary_accuracy")
CategoricalAccuracy = _wrapper("CategoricalAccuracy", categorical_accuracy,
                               "categorical_accuracy")
SparseCategoricalAccuracy = _wrapper("SparseCategoricalAccuracy", sparse_categorical_accuracy,
                                     "sparse_categorical_accuracy")
TopKCategoricalAccuracy = _wrapper("TopKCategoricalAccuracy", top_k_categorical_accuracy,
                                   "top_k_categorical_accuracy")
SparseTopKCategoricalAccuracy = _wrapper(
    "SparseTopKCategoricalAccuracy", sparse_top_k_categorical_accuracy,
    "sparse_top_k_categorical_accuracy")


class _Confusion(Metric):
    """Weighted true/false positive/negative counts at one or more thresholds."""

    def __init__(self, thresholds=0.5, name=None):
        self.thresholds = np.atleast_1d(np.asarray(thresholds, dtype=np.float64))
        super().__init__(name)

    def reset_state(self):
        k = len(self.thresholds)
        self.tp, self.fp, self.tn, self.fn = (np.zeros(k) for _ in range(4))

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = np.asarray(y_true, dtype=np.float64)
        y_pred = np.asarray(y_pred, dtype=np.float64)
        if y_true.ndim == y_pred.ndim - 1:
            y_true = y_true[..., None]
        pos = y_true.reshape(-1) > 0.5
        pred = y_pred.reshape(-1)
        w = (np.ones_like(pred) if sample_weight is None else
             np.broadcast_to(np.asarray(sample_weight, np.float64).reshape(
                 (len(y_pred),) + (1,) * (y_pred.ndim - 1)), y_pred.shape).reshape(-1))
        above = pred[None, :] > self.thresholds[:, None]
        self.tp += (above & pos) @ w
        self.fp += (above & ~pos) @ w
        self.fn += (~above & pos) @ w
        self.tn += (~above & ~pos) @ w


def _divide(a, b):
    return np.divide(a, b, out=np.zeros_like(a, dtype=np.float64), where=b > 0)


class Precision(_Confusion):
    """``tp / (tp + fp)`` with predictions above ``thresholds`` (0.5) counted positive."""

    default_name = "precision"

    def result(self):
        r = _divide(self.tp, self.tp + self.fp)
        return float(r[0]) if len(r) == 1 else r


class Recall(_Confusion):
    """``tp / (tp + fn)`` with predictions above ``thresholds`` (0.5) counted positive."""

    default_name = "recall"

    def result(self):
        r = _divide(self.tp, self.tp + self.fn)
        return float(r[0]) if len(r) == 1 else r


class AUC(_Confusion):
    """Area under the ROC (or precision-recall) curve, from counts at ``num_thresholds``.

    As Keras: thresholds evenly spaced in (0, 1) plus one just below 0 and one just above
    1; the ROC area by the trapezoidal rule; the PR area by Davis and Goadrich's
    interpolation (precision is interpolated linearly in the number of positives).
    """

    default_name = "auc"

    def __init__(self, num_thresholds=200, curve="ROC", name=None):
        eps = 1e-7
        inner = [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
        self.curve = curve.upper()
        if self.curve not in ("ROC", "PR"):
            raise ValueError(f"AUC curve must be 'ROC' or 'PR', got {curve!r}")
        super().__init__([0.0 - eps] + inner + [1.0 + eps], name)

    def result(self):
        tp, fp, tn, fn = self.tp, self.fp, self.tn, self.fn
        if self.curve == "ROC":
            tpr = _divide(tp, tp + fn)
            fpr = _divide(fp, fp + tn)
            return float(np.sum((fpr[:-1] - fpr[1:]) * (tpr[:-1] + tpr[1:]) / 2))
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = _divide(dtp, np.maximum(dp, 0))
        intercept = tp[1:] - slope * p[1:]
        ratio = np.where((dp > 0) & (p[1:] > 0), _divide(p[:-1], np.maximum(p[1:], 0)), 1.0)
        increments = _divide(slope * (dtp + intercept * np.log(ratio)),
                             np.maximum(tp[1:] + fn[1:], 0))
        return float(np.sum(increments))


_BY_NAME = {
    "accuracy": Accuracy, "binary_accuracy": BinaryAccuracy,
    "categorical_accuracy": CategoricalAccuracy,
    "sparse_categorical_accuracy": SparseCategoricalAccuracy,
    "top_k_categorical_accuracy": TopKCategoricalAccuracy,
    "sparse_top_k_categorical_accuracy": SparseTopKCategoricalAccuracy,
    "precision": Precision, "recall": Recall, "auc": AUC,
}


def get(identifier, loss_name=None, y_true_shape=None, y_pred_shape=None):
    """Resolve a metric name or object.

    ``"accuracy"``/``"acc"`` become the right accuracy for the task, as Keras decides:
    binary accuracy for a one-unit output or a binary cross-entropy, sparse categorical
    accuracy for integer labels, categorical accuracy for one-hot labels. The metric keeps
    the name the user wrote (so History has ``"accuracy"`` or ``"acc"``).
    """
    if isinstance(identifier, Metric):
        return identifier
    if identifier in ("accuracy", "acc"):
        if loss_name == "binary_crossentropy" or (y_pred_shape and y_pred_shape[-1] == 1):
            return BinaryAccuracy(name=identifier)
        if loss_name == "sparse_categorical_crossentropy" or (
                y_true_shape is not None and y_pred_shape is not None
                and (len(y_true_shape) < len(y_pred_shape)
                     or (y_true_shape[-1] == 1 and y_pred_shape[-1] > 1))):
            return SparseCategoricalAccuracy(name=identifier)
        return CategoricalAccuracy(name=identifier)
    if isinstance(identifier, str) and identifier in _BY_NAME:
        return _BY_NAME[identifier]()
    if callable(identifier):
        fn = identifier
        return type(f"{fn.__name__}_metric", (MeanMetricWrapper,),
                    {"fn": staticmethod(fn), "default_name": fn.__name__})()
    raise ValueError(f"Unknown metric: {identifier!r}. Known: "
                     f"{', '.join(sorted(set(_BY_NAME) | {'acc'}))}")
