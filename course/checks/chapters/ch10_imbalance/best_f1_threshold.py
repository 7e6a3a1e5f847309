"""ch10.best_f1_threshold: moving the threshold to the score with the best F1."""

import numpy as np

from course.checks.chapters.ch10_imbalance.shared import binary_score_cases
from course.checks.spec import Case, Exercise, Mistake
from course.ops.classification_metrics import best_f1_threshold


def _cases(rng, hidden):
    tie = Case("two thresholds with the same best F1 (keep the larger)",
               {"y_true": np.array([1, 0, 0, 1]), "scores": np.array([0.9, 0.7, 0.4, 0.2])})
    return binary_score_cases(rng, hidden) + [tie]


def best_f1_threshold__best_accuracy_instead_of_f1(y_true, scores):
    best, best_accuracy = None, -1.0
    for t in np.unique(scores)[::-1]:
        accuracy = np.mean((scores >= t) == (y_true == 1))
        if accuracy > best_accuracy:
            best, best_accuracy = float(t), accuracy
    return best


def best_f1_threshold__strict_inequality(y_true, scores):
    best, best_f1 = None, -1.0
    for t in np.unique(scores)[::-1]:
        y_pred = scores > t
        tp = np.sum(y_pred & (y_true == 1))
        fp = np.sum(y_pred & (y_true == 0))
        fn = np.sum(~y_pred & (y_true == 1))
        f1 = 2 * tp / (2 * tp + fp + fn)
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return best


def best_f1_threshold__the_smallest_threshold_on_a_tie(y_true, scores):
    best, best_f1 = None, -1.0
    for t in np.unique(scores):
        y_pred = scores >= t
        tp = np.sum(y_pred & (y_true == 1))
        fp = np.sum(y_pred & (y_true == 0))
        fn = np.sum(~y_pred & (y_true == 1))
        f1 = 2 * tp / (2 * tp + fp + fn)
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return best


BEST_F1_THRESHOLD = Exercise(
    id="ch10.best_f1_threshold", name="best_f1_threshold", reference=best_f1_threshold,
    make_cases=_cases, output_names=("threshold",), rtol=0, atol=0, points=2,
    mistakes=[
        Mistake("best accuracy instead of F1",
                "With rare positives accuracy is highest when the classifier hardly ever says "
                "positive: choose the threshold by F1 = 2 P R / (P + R), which counts only the "
                "positive class's hits and misses.",
                best_f1_threshold__best_accuracy_instead_of_f1),
        Mistake("strict inequality",
                "Predict positive where score >= t: with > the sample whose score is the "
                "threshold itself is left out, and every candidate is one step off.",
                best_f1_threshold__strict_inequality),
        Mistake("the smallest threshold on a tie",
                "When two thresholds give the same F1, keep the LARGER one (fewer positive "
                "predictions for the same quality): sweep from high to low and replace the "
                "best only on a strictly larger F1.",
                best_f1_threshold__the_smallest_threshold_on_a_tie),
    ],
    summary="the threshold with the best F1")
