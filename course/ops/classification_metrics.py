"""Classifier quality from labels and scores, for imbalanced classes: the confusion
matrix, precision, recall and F1, the ROC curve and its area, and the threshold that
maximises F1. Plain numpy on whole arrays; binary functions take labels in {0, 1} with 1
the positive (rare) class and ``scores`` any real numbers, larger meaning "more positive".
"""

import numpy as np


def _labels(y, name, num_classes, n=None):
    """``y`` as int64 ``(N,)`` in ``[0, num_classes)``, or a ValueError naming ``name``."""
    y = np.asarray(y)
    if y.ndim != 1 or (n is not None and len(y) != n):
        want = f"({n},)" if n is not None else "(N,)"
        raise ValueError(f"{name} must have shape {want}, got {y.shape}")
    if y.size and (y.dtype.kind not in "iub" or y.min() < 0 or y.max() >= num_classes):
        raise ValueError(f"{name} must hold integer labels in [0, {num_classes}), got "
                         f"{y.dtype} values from {y.min()} to {y.max()}")
    return y.astype(np.int64)


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    """Counts ``cm[i, j]`` of samples of true class ``i`` predicted as class ``j``.

    Args:
        y_true, y_pred: integer labels, shape ``(N,)``, in ``[0, num_classes)``.
        num_classes: ``K``.

    Returns:
        cm: int64 ``(K, K)``; rows are true classes, columns predictions (Keras's and
        scikit-learn's convention), so ``cm.sum(axis=1)`` counts each true class.
    """
    y_true = _labels(y_true, "y_true", num_classes)
    y_pred = _labels(y_pred, "y_pred", num_classes, len(y_true))
    cm = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


def precision_recall_f1(y_true: np.ndarray, y_pred: np.ndarray) -> tuple:
    """Precision ``TP / (TP + FP)``, recall ``TP / (TP + FN)`` and their harmonic mean F1.

    Args:
        y_true, y_pred: labels in {0, 1}, shape ``(N,)``.

    Returns:
        ``(precision, recall, f1)``: floats; a ratio whose denominator is 0 is 0 (as
        Keras's metrics divide).
    """
    y_true = _labels(y_true, "y_true", 2) == 1
    y_pred = _labels(y_pred, "y_pred", 2, len(y_true)) == 1
    tp = float(np.sum(y_true & y_pred))
    fp = float(np.sum(~y_true & y_pred))
    fn = float(np.sum(y_true & ~y_pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def roc_curve(y_true: np.ndarray, scores: np.ndarray) -> tuple:
    """The ROC curve: for each threshold ``t``, predict positive where ``score >= t``.

    Args:
        y_true: labels in {0, 1}, shape ``(N,)``, both classes present.
        scores: shape ``(N,)``.

    Returns:
        ``(fpr, tpr, thresholds)``, each ``(T + 1,)`` for the ``T`` distinct scores:
        ``thresholds`` is ``inf`` followed by the distinct scores in decreasing order;
        ``tpr = TP / P`` and ``fpr = FP / N`` at each, from ``(0, 0)`` to ``(1, 1)``.
    """
    y_true = _labels(y_true, "y_true", 2) == 1
    scores = np.asarray(scores, dtype=np.float64)
    if scores.shape != y_true.shape:
        raise ValueError(f"scores must have the shape of y_true {y_true.shape}, got {scores.shape}")
    if y_true.all() or not y_true.any():
        raise ValueError("y_true must hold both classes (0 and 1) for a ROC curve, got only "
                         f"{int(y_true[0]) if len(y_true) else 'no labels'}")
    order = np.argsort(-scores, kind="stable")
    sorted_scores, sorted_true = scores[order], y_true[order]
    tp = np.cumsum(sorted_true)
    fp = np.cumsum(~sorted_true)
    last_of_each_score = np.r_[np.flatnonzero(np.diff(sorted_scores)), len(scores) - 1]
    tpr = np.r_[0.0, tp[last_of_each_score] / tp[-1]]
    fpr = np.r_[0.0, fp[last_of_each_score] / fp[-1]]
    return fpr, tpr, np.r_[np.inf, sorted_scores[last_of_each_score]]


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """The area under :func:`roc_curve` by the trapezoidal rule: the probability that a
    random positive scores above a random negative (ties count one half)."""
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


def best_f1_threshold(y_true: np.ndarray, scores: np.ndarray) -> float:
    """The threshold among the distinct scores whose predictions ``score >= t`` have the
    highest F1 (the largest such threshold on a tie)."""
    scores = np.asarray(scores, dtype=np.float64)
    best, best_f1 = None, -1.0
    for t in np.unique(scores)[::-1]:
        f1 = precision_recall_f1(y_true, (scores >= t).astype(int))[2]
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return best
