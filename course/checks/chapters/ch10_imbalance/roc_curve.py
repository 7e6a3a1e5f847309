"""ch10.roc_curve: false and true positive rates at every distinct score threshold."""

import numpy as np

from course.checks.chapters.ch10_imbalance.shared import binary_score_cases
from course.checks.spec import Exercise, Mistake
from course.ops.classification_metrics import roc_curve


def roc_curve__one_point_per_sample(y_true, scores):
    order = np.argsort(-scores, kind="stable")
    positive = y_true[order] == 1
    tp, fp = np.cumsum(positive), np.cumsum(~positive)
    return (np.r_[0.0, fp / fp[-1]], np.r_[0.0, tp / tp[-1]], np.r_[np.inf, scores[order]])


def roc_curve__rates_over_all_samples(y_true, scores):
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    tpr = np.array([np.sum((scores >= t) & (y_true == 1)) for t in thresholds]) / len(y_true)
    fpr = np.array([np.sum((scores >= t) & (y_true == 0)) for t in thresholds]) / len(y_true)
    return fpr, tpr, thresholds


def roc_curve__strict_inequality(y_true, scores):
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    tpr = np.array([np.sum((scores > t) & (y_true == 1)) for t in thresholds]) / np.sum(y_true == 1)
    fpr = np.array([np.sum((scores > t) & (y_true == 0)) for t in thresholds]) / np.sum(y_true == 0)
    return fpr, tpr, thresholds


ROC_CURVE = Exercise(
    id="ch10.roc_curve", name="roc_curve", reference=roc_curve, make_cases=binary_score_cases,
    call=lambda obj, args: tuple(obj(**args)), output_names=("fpr", "tpr", "thresholds"),
    rtol=1e-9, atol=1e-12, points=3,
    mistakes=[
        Mistake("one point per sample",
                "Samples with the same score cannot be separated by any threshold: there is one "
                "point per DISTINCT score, where all samples of that score switch to positive "
                "together.",
                roc_curve__one_point_per_sample),
        Mistake("rates over all samples",
                "The true positive rate divides by the number of positives P and the false "
                "positive rate by the number of negatives N, not both by all samples: each "
                "goes from 0 to 1.",
                roc_curve__rates_over_all_samples),
        Mistake("strict inequality",
                "A sample is predicted positive when its score is at least the threshold, "
                "score >= t: with > the sample at the threshold itself is left out and the "
                "curve never reaches (1, 1).",
                roc_curve__strict_inequality),
    ],
    summary="the ROC curve: (FPR, TPR) at every distinct score")
