"""ch10.precision_recall_f1: precision, recall and F1 of the positive class."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops.classification_metrics import precision_recall_f1


def _cases(rng, hidden):
    def case(group, y_true, y_pred):
        return Case(group, {"y_true": np.asarray(y_true), "y_pred": np.asarray(y_pred)})
    cases = [case("a few predictions", [1, 0, 1, 1, 0, 0, 0, 1], [1, 1, 0, 1, 0, 0, 0, 0]),
             case("rare positives, many false alarms", [0] * 12 + [1, 1], [1] * 5 + [0] * 7 + [1, 0]),
             case("no positive predictions (0 / 0 is 0)", [0, 1, 0, 1], [0, 0, 0, 0]),
             case("no positives at all", [0, 0, 0], [0, 1, 0])]
    for _ in range(4 if hidden else 1):
        n = int(rng.integers(10, 100))
        cases.append(case("random labels", rng.integers(0, 2, n), rng.integers(0, 2, n)))
    return cases


def precision_recall_f1__precision_and_recall_swapped(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    precision = tp / (tp + fn) if tp + fn else 0.0
    recall = tp / (tp + fp) if tp + fp else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def precision_recall_f1__f1_as_the_arithmetic_mean(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (precision + recall) / 2


def precision_recall_f1__nan_for_an_empty_denominator(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.float64(tp) / (tp + fp)
        recall = np.float64(tp) / (tp + fn)
        f1 = 2 * precision * recall / (precision + recall)
    return precision, recall, f1


PRECISION_RECALL_F1 = Exercise(
    id="ch10.precision_recall_f1", name="precision_recall_f1", reference=precision_recall_f1,
    make_cases=_cases, output_names=("precision", "recall", "f1"), rtol=1e-9, atol=1e-12,
    points=2,
    mistakes=[
        Mistake("precision and recall swapped",
                "Precision asks how many of the PREDICTED positives are right, TP / (TP + FP); "
                "recall how many of the ACTUAL positives were found, TP / (TP + FN).",
                precision_recall_f1__precision_and_recall_swapped),
        Mistake("F1 as the arithmetic mean",
                "F1 is the harmonic mean, 2 P R / (P + R): it is low when either is low, so a "
                "classifier cannot buy a good F1 with a perfect recall alone.",
                precision_recall_f1__f1_as_the_arithmetic_mean),
        Mistake("nan for an empty denominator",
                "With no positive predictions TP + FP is 0 and precision is 0 / 0: return 0, "
                "as Keras's metrics do, not nan (and the same for recall and F1).",
                precision_recall_f1__nan_for_an_empty_denominator),
    ],
    summary="precision, recall and F1 of the positive class")
