"""ch10.roc_auc: the area under the ROC curve, by trapezoids."""

import numpy as np

from course.checks.chapters.ch10_imbalance.shared import binary_score_cases
from course.checks.spec import Exercise, Mistake
from course.ops.classification_metrics import roc_auc


def _roc_points(y_true, scores):
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    tpr = np.array([np.sum((scores >= t) & (y_true == 1)) for t in thresholds]) / np.sum(y_true == 1)
    fpr = np.array([np.sum((scores >= t) & (y_true == 0)) for t in thresholds]) / np.sum(y_true == 0)
    return fpr, tpr


def roc_auc__rectangles_under_the_lower_corner(y_true, scores):
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    tpr = np.array([np.sum((scores >= t) & (y_true == 1)) for t in thresholds]) / np.sum(y_true == 1)
    fpr = np.array([np.sum((scores >= t) & (y_true == 0)) for t in thresholds]) / np.sum(y_true == 0)
    return float(np.sum(np.diff(fpr) * tpr[:-1]))


def roc_auc__ranked_the_wrong_way(y_true, scores):
    thresholds = np.r_[-np.inf, np.unique(scores)]
    tpr = np.array([np.sum((scores <= t) & (y_true == 1)) for t in thresholds]) / np.sum(y_true == 1)
    fpr = np.array([np.sum((scores <= t) & (y_true == 0)) for t in thresholds]) / np.sum(y_true == 0)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


def roc_auc__area_under_tpr_against_the_threshold(y_true, scores):
    thresholds = np.unique(scores)
    tpr = np.array([np.sum((scores >= t) & (y_true == 1)) for t in thresholds]) / np.sum(y_true == 1)
    if len(thresholds) < 2:
        return 0.0
    return float(np.sum(np.diff(thresholds) * (tpr[1:] + tpr[:-1]) / 2))


ROC_AUC = Exercise(
    id="ch10.roc_auc", name="roc_auc", reference=roc_auc, make_cases=binary_score_cases,
    output_names=("auc",), rtol=1e-9, atol=1e-12, points=1,
    mistakes=[
        Mistake("rectangles under the lower corner",
                "Between two points of the curve, tied scores move TPR and FPR together: the "
                "curve is a slanted line there, and its area a trapezoid, "
                "width * (tpr[k] + tpr[k + 1]) / 2, not a rectangle of the lower height.",
                roc_auc__rectangles_under_the_lower_corner),
        Mistake("ranked the wrong way",
                "Larger scores mean more positive: sweep the threshold from high to low, "
                "predicting positive where score >= t. Sweeping the other way gives 1 - AUC.",
                roc_auc__ranked_the_wrong_way),
        Mistake("area under TPR against the threshold",
                "The ROC curve plots the true positive rate against the FALSE POSITIVE RATE, "
                "not against the threshold: integrate over fpr.",
                roc_auc__area_under_tpr_against_the_threshold),
    ],
    summary="the area under the ROC curve")
