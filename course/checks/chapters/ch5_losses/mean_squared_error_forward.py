"""ch5.mean_squared_error_forward: mean squared error with sample weights, Keras's
sum_over_batch_size reduction."""

import numpy as np

from course.checks.chapters.ch5_losses.shared import ATOL, RTOL, loss_only, mse_cases
from course.checks.spec import Exercise, Mistake
from course.ops import losses as L


def mean_squared_error_forward__sum_over_the_outputs(y_true, y_pred, sample_weight=None):
    per_sample = ((y_pred - y_true) ** 2).sum(axis=-1)
    w = np.ones(len(per_sample)) if sample_weight is None else sample_weight
    return (per_sample * w).sum() / len(per_sample), None


def mean_squared_error_forward__ignored_sample_weight(y_true, y_pred, sample_weight=None):
    return ((y_pred - y_true) ** 2).mean(), None


def mean_squared_error_forward__divided_by_the_sum_of_the_weights(
        y_true, y_pred, sample_weight=None):
    per_sample = ((y_pred - y_true) ** 2).mean(axis=-1)
    w = np.ones(len(per_sample)) if sample_weight is None else sample_weight
    return (per_sample * w).sum() / w.sum(), None


MSE_FORWARD = Exercise(
    id="ch5.mean_squared_error_forward", name="mean_squared_error_forward",
    reference=L.mean_squared_error_forward, make_cases=mse_cases, call=loss_only,
    rtol=RTOL, atol=ATOL, points=1,
    summary="mean squared error with sample weights, Keras's sum_over_batch_size reduction",
    mistakes=[
        Mistake("sum over the outputs", "Each sample's loss is the MEAN of the squared errors "
                "over the last axis (np.mean(..., axis=-1)), not their sum.",
                mean_squared_error_forward__sum_over_the_outputs),
        Mistake("ignored sample_weight", "Multiply each sample's loss by its weight "
                "sample_weight[i] before reducing over the batch.",
                mean_squared_error_forward__ignored_sample_weight),
        Mistake("divided by the sum of the weights", "Keras divides the weighted sum by the "
                "number of samples N, not by sum(sample_weight).",
                mean_squared_error_forward__divided_by_the_sum_of_the_weights),
    ])
