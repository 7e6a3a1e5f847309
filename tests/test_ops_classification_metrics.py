"""Classification metrics from labels and scores, each against its definition written the
slow way: the confusion matrix, precision/recall/F1, the ROC curve, its area (the
probability that a positive outscores a negative) and the threshold with the best F1; and
against Keras's Precision, Recall, F1Score and AUC (tests/keras_reference/make_imbalance.py)."""

import numpy as np
import pytest
from keras_reference import load

from course.ops.classification_metrics import (best_f1_threshold, confusion_matrix,
                                               precision_recall_f1, roc_auc, roc_curve)


def scored(seed, n=60, rate=0.2, ties=False):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < rate).astype(int)
    y[:2], y[2:4] = 1, 0
    scores = rng.standard_normal(n) + 1.2 * y
    return y, (np.round(scores) if ties else scores)


def test_confusion_matrix_counts_every_pair():
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 4, 200), rng.integers(0, 4, 200)
    cm = confusion_matrix(y_true, y_pred, 5)
    expected = np.zeros((5, 5), dtype=int)
    for t, p in zip(y_true, y_pred):
        expected[t, p] += 1
    np.testing.assert_array_equal(cm, expected)
    assert cm.dtype == np.int64
    np.testing.assert_array_equal(cm.sum(axis=1), np.bincount(y_true, minlength=5))
    assert not cm[4].any() and not cm[:, 4].any()


@pytest.mark.parametrize("seed", range(5))
def test_precision_recall_f1_from_the_confusion_matrix(seed):
    rng = np.random.default_rng(seed)
    y_true, y_pred = rng.integers(0, 2, 50), rng.integers(0, 2, 50)
    (tn, fp), (fn, tp) = confusion_matrix(y_true, y_pred, 2)
    precision, recall, f1 = precision_recall_f1(y_true, y_pred)
    assert precision == pytest.approx(tp / (tp + fp))
    assert recall == pytest.approx(tp / (tp + fn))
    assert f1 == pytest.approx(2 * tp / (2 * tp + fp + fn))


def test_an_empty_denominator_gives_0_not_nan():
    assert precision_recall_f1(np.array([0, 1, 1]), np.array([0, 0, 0])) == (0.0, 0.0, 0.0)
    assert precision_recall_f1(np.array([0, 0]), np.array([1, 0])) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize("ties", [False, True])
def test_roc_curve_is_the_rates_at_every_distinct_threshold(ties):
    y, scores = scored(1, ties=ties)
    fpr, tpr, thresholds = roc_curve(y, scores)
    assert thresholds[0] == np.inf
    np.testing.assert_array_equal(thresholds[1:], np.unique(scores)[::-1])
    for f, t, threshold in zip(fpr, tpr, thresholds):
        predicted = scores >= threshold
        assert t == pytest.approx(np.sum(predicted & (y == 1)) / np.sum(y == 1))
        assert f == pytest.approx(np.sum(predicted & (y == 0)) / np.sum(y == 0))
    assert (fpr[0], tpr[0], fpr[-1], tpr[-1]) == (0, 0, 1, 1)
    assert (np.diff(fpr) >= 0).all() and (np.diff(tpr) >= 0).all()


@pytest.mark.parametrize("seed,ties", [(2, False), (3, True), (4, True)])
def test_roc_auc_is_the_probability_that_a_positive_outscores_a_negative(seed, ties):
    y, scores = scored(seed, ties=ties)
    pos, neg = scores[y == 1][:, None], scores[y == 0][None, :]
    expected = np.mean((pos > neg) + 0.5 * (pos == neg))
    assert roc_auc(y, scores) == pytest.approx(expected, rel=1e-12)
    assert roc_auc(y, -scores) == pytest.approx(1 - expected, rel=1e-12)


def test_auc_of_a_perfect_and_of_a_constant_ranking():
    y = np.array([0, 0, 1, 1, 0])
    assert roc_auc(y, np.array([0.1, 0.2, 0.9, 0.8, 0.3])) == 1.0
    assert roc_auc(y, np.zeros(5)) == 0.5


@pytest.mark.parametrize("seed", range(4))
def test_best_f1_threshold_beats_every_other_threshold(seed):
    y, scores = scored(seed, ties=seed % 2 == 1)
    best = best_f1_threshold(y, scores)
    best_f1 = precision_recall_f1(y, (scores >= best).astype(int))[2]
    candidates = np.r_[np.unique(scores), np.unique(scores)[:-1] + np.diff(np.unique(scores)) / 2]
    f1s = [precision_recall_f1(y, (scores >= t).astype(int))[2] for t in candidates]
    assert best in scores and best_f1 == pytest.approx(max(f1s))
    assert best == max(t for t, f in zip(candidates, f1s) if f == best_f1)


def test_bad_labels_get_clear_errors():
    with pytest.raises(ValueError, match=r"y_true must hold integer labels in \[0, 3\)"):
        confusion_matrix(np.array([0, 3]), np.array([0, 1]), 3)
    with pytest.raises(ValueError, match=r"y_pred must have shape \(2,\), got \(3,\)"):
        confusion_matrix(np.array([0, 1]), np.array([0, 1, 1]), 3)
    with pytest.raises(ValueError, match=r"y_true must hold integer labels in \[0, 2\)"):
        precision_recall_f1(np.array([0.5, 1.0]), np.array([0, 1]))
    with pytest.raises(ValueError, match="both classes"):
        roc_curve(np.array([1, 1, 1]), np.array([0.1, 0.2, 0.3]))
    with pytest.raises(ValueError, match=r"scores must have the shape of y_true \(3,\)"):
        roc_auc(np.array([0, 1, 1]), np.array([0.1, 0.2]))


@pytest.mark.parametrize("i", range(3))
def test_the_metrics_agree_with_keras(i):
    reference = load("imbalance")
    y, scores = reference[f"{i}/y"], reference[f"{i}/scores"]
    # Keras's Precision, Recall and F1Score call "positive" a score above the threshold
    precision, recall, f1 = precision_recall_f1(y, (scores > 0.5).astype(int))
    assert precision == pytest.approx(reference[f"{i}/precision"], rel=1e-6)
    assert recall == pytest.approx(reference[f"{i}/recall"], rel=1e-6)
    assert f1 == pytest.approx(reference[f"{i}/f1"], rel=1e-6)
    assert roc_auc(y, scores) == pytest.approx(reference[f"{i}/auc"], rel=1e-6)
    np.testing.assert_array_equal(confusion_matrix(reference[f"{i}/y4"], reference[f"{i}/p4"], 4),
                                  reference[f"{i}/cm"])
