"""Metrics with Keras's names and streaming semantics.

A metric accumulates over batches: ``update_state(y_true, y_pred, sample_weight=None)``,
``result()``, ``reset_state()``. Per-sample metrics (accuracies) report the weighted mean
``sum(w * value) / sum(w)``; Precision, Recall and AUC accumulate confusion counts.
The other Keras metrics live beside this module (``confusion_metrics``,
``f_score_metrics``, ``regression_metrics``) and are imported here, as Keras exports them.
"""

import numpy as np

from course.keras.confusion_metrics import (FalseNegatives, FalsePositives,  # noqa: F401
                                            PrecisionAtRecall, RecallAtPrecision,
                                            SensitivityAtSpecificity, SpecificityAtSensitivity,
                                            TrueNegatives, TruePositives)
from course.keras.f_score_metrics import F1Score, FBetaScore
from course.keras.metric import (ConfusionCounts, Mean, MeanMetricWrapper, Metric, Sum,
                                 divide_no_nan)
from course.keras.regression_metrics import (REGRESSION_METRICS, BinaryCrossentropy,
                                             CategoricalCrossentropy, CategoricalHinge, Hinge,
                                             KLDivergence, LogCoshError, MeanAbsoluteError,
                                             MeanAbsolutePercentageError, MeanSquaredError,
                                             MeanSquaredLogarithmicError, Poisson,
                                             RootMeanSquaredError,
                                             SparseCategoricalCrossentropy, SquaredHinge)


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
    def __init__(self, name=name, dtype=None, **options):
        MeanMetricWrapper.__init__(self, fn, name=name, dtype=dtype, **{**fixed, **options})

    return type(class_name, (MeanMetricWrapper,), {"__init__": __init__, "__doc__": fn.__doc__})


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


class Precision(ConfusionCounts):
    """``tp / (tp + fp)`` with predictions above ``thresholds`` (0.5) counted positive."""

    default_name = "precision"

    def result(self):
        r = divide_no_nan(self.tp, self.tp + self.fp)
        return float(r[0]) if len(r) == 1 else r


class Recall(ConfusionCounts):
    """``tp / (tp + fn)`` with predictions above ``thresholds`` (0.5) counted positive."""

    default_name = "recall"

    def result(self):
        r = divide_no_nan(self.tp, self.tp + self.fn)
        return float(r[0]) if len(r) == 1 else r


class AUC(ConfusionCounts):
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
            tpr = divide_no_nan(tp, tp + fn)
            fpr = divide_no_nan(fp, fp + tn)
            return float(np.sum((fpr[:-1] - fpr[1:]) * (tpr[:-1] + tpr[1:]) / 2))
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = divide_no_nan(dtp, np.maximum(dp, 0))
        intercept = tp[1:] - slope * p[1:]
        ratio = np.where((dp > 0) & (p[1:] > 0), divide_no_nan(p[:-1], np.maximum(p[1:], 0)), 1.0)
        increments = divide_no_nan(slope * (dtp + intercept * np.log(ratio)),
                             np.maximum(tp[1:] + fn[1:], 0))
        return float(np.sum(increments))


_CLASSES = (Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
            TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy, Precision, Recall, AUC,
            TruePositives, FalsePositives, TrueNegatives, FalseNegatives, F1Score, FBetaScore,
            *REGRESSION_METRICS)
_BY_NAME = {**{cls.__name__: cls for cls in _CLASSES},
            **{cls().name: cls for cls in _CLASSES},
            "mse": MeanSquaredError, "mae": MeanAbsoluteError,
            "mape": MeanAbsolutePercentageError, "msle": MeanSquaredLogarithmicError,
            "kld": KLDivergence, "log_cosh": LogCoshError}


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
        return _BY_NAME[identifier](name=identifier)
    if callable(identifier):
        fn = identifier  # a function, or a Loss object (named by its ``name``)
        return MeanMetricWrapper(fn, name=getattr(fn, "name", None) or fn.__name__)
    raise ValueError(f"Unknown metric: {identifier!r}. Known: "
                     f"{', '.join(sorted(set(_BY_NAME) | {'acc'}))}")
