"""ch5.categorical_crossentropy_forward: categorical cross-entropy on probabilities:
renormalise, clip, sum."""

import numpy as np

from course.checks.chapters.ch5_losses.shared import ATOL, RTOL, cce_cases, loss_only
from course.checks.spec import Exercise, Mistake
from course.ops import losses as L


def categorical_crossentropy_forward__no_renormalisation(y_true, y_pred, sample_weight=None):
    c = np.clip(y_pred, 1e-7, 1 - 1e-7)
    per = -(y_true * np.log(c)).sum(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def categorical_crossentropy_forward__no_clipping(y_true, y_pred, sample_weight=None):
    q = y_pred / y_pred.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        per = -(y_true * np.log(q)).sum(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def categorical_crossentropy_forward__mean_over_the_classes(y_true, y_pred, sample_weight=None):
    q = np.clip(y_pred / y_pred.sum(axis=-1, keepdims=True), 1e-7, 1 - 1e-7)
    per = -(y_true * np.log(q)).mean(axis=-1)
    w = np.ones(len(per)) if sample_weight is None else sample_weight
    return (per * w).sum() / len(per), None


def categorical_crossentropy_forward__ignored_sample_weight(y_true, y_pred, sample_weight=None):
    q = np.clip(y_pred / y_pred.sum(axis=-1, keepdims=True), 1e-7, 1 - 1e-7)
    return -(y_true * np.log(q)).sum(axis=-1).mean(), None


CCE_FORWARD = Exercise(
    id="ch5.categorical_crossentropy_forward", name="categorical_crossentropy_forward",
    reference=L.categorical_crossentropy_forward, make_cases=cce_cases, call=loss_only,
    rtol=RTOL, atol=ATOL, points=2,
    summary="categorical cross-entropy on probabilities: renormalise, clip, sum",
    mistakes=[
        Mistake("no renormalisation", "Keras first divides y_pred by its sum over the last "
                "axis, so that each row is a distribution, then clips.",
                categorical_crossentropy_forward__no_renormalisation),
        Mistake("no clipping", "A probability of 0 for the true class gives -log(0) = inf. "
                "Clip the probabilities to [1e-7, 1 - 1e-7] after renormalising.",
                categorical_crossentropy_forward__no_clipping),
        Mistake("mean over the classes", "Categorical cross-entropy SUMS -y log q over the "
                "classes (it is not averaged over K).",
                categorical_crossentropy_forward__mean_over_the_classes),
        Mistake("ignored sample_weight", "Multiply each sample's loss by sample_weight[i] "
                "before summing, then divide by N.",
                categorical_crossentropy_forward__ignored_sample_weight),
    ])
