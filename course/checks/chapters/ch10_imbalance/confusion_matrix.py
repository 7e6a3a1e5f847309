"""ch10.confusion_matrix: counts of (true class, predicted class) pairs."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops.classification_metrics import confusion_matrix


def _cases(rng, hidden):
    def case(group, y_true, y_pred, k):
        return Case(group, {"y_true": np.asarray(y_true), "y_pred": np.asarray(y_pred),
                            "num_classes": k})
    cases = [case("binary, repeated pairs", [0, 0, 1, 1, 1, 0, 1], [0, 1, 1, 1, 0, 0, 1], 2),
             case("three classes", [0, 1, 2, 2, 1, 0, 2], [0, 2, 2, 1, 1, 0, 2], 3),
             case("a class that never occurs", [0, 1, 1, 0], [0, 1, 0, 0], 4)]
    for _ in range(4 if hidden else 1):
        k = int(rng.integers(2, 6))
        n = int(rng.integers(10, 80))
        cases.append(case("random labels", rng.integers(0, k, n), rng.integers(0, k, n), k))
    return cases


def confusion_matrix__rows_are_predictions(y_true, y_pred, num_classes):
    cm = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(cm, (y_pred, y_true), 1)
    return cm


def confusion_matrix__fancy_index_assignment(y_true, y_pred, num_classes):
    cm = np.zeros((num_classes, num_classes), dtype=np.int64)
    cm[y_true, y_pred] += 1
    return cm


def confusion_matrix__size_from_the_labels(y_true, y_pred, num_classes):
    k = int(max(np.max(y_true), np.max(y_pred))) + 1
    cm = np.zeros((k, k), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


CONFUSION_MATRIX = Exercise(
    id="ch10.confusion_matrix", name="confusion_matrix", reference=confusion_matrix,
    make_cases=_cases, output_names=("cm",), rtol=0, atol=0, points=1,
    mistakes=[
        Mistake("rows are predictions",
                "Rows are the TRUE classes and columns the predictions (Keras's and "
                "scikit-learn's convention), so that a row sums to the number of samples of "
                "that class.",
                confusion_matrix__rows_are_predictions),
        Mistake("fancy index assignment",
                "cm[y_true, y_pred] += 1 adds 1 only once for a pair that occurs several times: "
                "numpy evaluates the right side once and assigns each repeated index the same "
                "value. Use np.add.at(cm, (y_true, y_pred), 1), which accumulates repeats.",
                confusion_matrix__fancy_index_assignment),
        Mistake("size from the labels",
                "The matrix is num_classes x num_classes even when a class never occurs in "
                "this data: its row and column are zeros.",
                confusion_matrix__size_from_the_labels),
    ],
    summary="the confusion matrix, rows true classes, columns predictions")
