"""Metrics that average a loss function per sample, as Keras 3's: ``MeanSquaredError``,
``RootMeanSquaredError`` (the root of the running mean), the cross-entropies and others.
Each is a ``MeanMetricWrapper`` of a ``course.keras.losses`` function, so a metric and
the loss of the same name give the same numbers."""

import math

from course.keras import losses
from course.keras.metric import MeanMetricWrapper


def _metric(class_name, fn, name, doc, **defaults):
    """A ``MeanMetricWrapper`` class over ``fn`` with Keras's arguments ``defaults``."""
    def __init__(self, *args, name=name, dtype=None, **options):
        unknown = set(options) - set(defaults)
        if unknown or len(args) > len(defaults):
            raise TypeError(f"{class_name} takes {list(defaults) + ['name', 'dtype']}, "
                            f"received {sorted(unknown) or args}")
        kwargs = {**defaults, **dict(zip(defaults, args)), **options}
        MeanMetricWrapper.__init__(self, fn, name=name, dtype=dtype, **kwargs)
        for key, value in kwargs.items():
            setattr(self, key, value)

    return type(class_name, (MeanMetricWrapper,), {"__init__": __init__, "__doc__": doc})


MeanSquaredError = _metric("MeanSquaredError", losses.mean_squared_error,
                           "mean_squared_error", "The mean of ``(y_true - y_pred)**2``.")
MeanAbsoluteError = _metric("MeanAbsoluteError", losses.mean_absolute_error,
                            "mean_absolute_error", "The mean of ``|y_true - y_pred|``.")
MeanAbsolutePercentageError = _metric(
    "MeanAbsolutePercentageError", losses.mean_absolute_percentage_error,
    "mean_absolute_percentage_error", "The mean absolute percentage error.")
MeanSquaredLogarithmicError = _metric(
    "MeanSquaredLogarithmicError", losses.mean_squared_logarithmic_error,
    "mean_squared_logarithmic_error", "The mean squared logarithmic error.")
BinaryCrossentropy = _metric(
    "BinaryCrossentropy", losses.binary_crossentropy, "binary_crossentropy",
    "The mean binary cross-entropy.", from_logits=False, label_smoothing=0.0)
CategoricalCrossentropy = _metric(
    "CategoricalCrossentropy", losses.categorical_crossentropy, "categorical_crossentropy",
    "The mean categorical cross-entropy.", from_logits=False, label_smoothing=0.0)
SparseCategoricalCrossentropy = _metric(
    "SparseCategoricalCrossentropy", losses.sparse_categorical_crossentropy,
    "sparse_categorical_crossentropy", "The mean sparse categorical cross-entropy.",
    from_logits=False)
KLDivergence = _metric("KLDivergence", losses.kl_divergence, "kl_divergence",
                       "The mean Kullback-Leibler divergence.")
Poisson = _metric("Poisson", losses.poisson, "poisson", "The mean Poisson loss.")
Hinge = _metric("Hinge", losses.hinge, "hinge", "The mean hinge loss.")
SquaredHinge = _metric("SquaredHinge", losses.squared_hinge, "squared_hinge",
                       "The mean squared hinge loss.")
CategoricalHinge = _metric("CategoricalHinge", losses.categorical_hinge, "categorical_hinge",
                           "The mean categorical hinge loss.")
LogCoshError = _metric("LogCoshError", losses.log_cosh, "logcosh", "The mean log-cosh error.")


class RootMeanSquaredError(MeanSquaredError):
    """``sqrt`` of the weighted mean of ``(y_true - y_pred)**2``."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name=name, dtype=dtype)

    def result(self):
        return math.sqrt(super().result())


REGRESSION_METRICS = (MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
                      MeanSquaredLogarithmicError, RootMeanSquaredError, BinaryCrossentropy,
                      CategoricalCrossentropy, SparseCategoricalCrossentropy, KLDivergence,
                      Poisson, Hinge, SquaredHinge, CategoricalHinge, LogCoshError)
