import numpy as np
import pytest

from course import keras
from course.keras import metrics


def exact_roc_auc(y, scores):
    """The probability that a random positive outranks a random negative (ties count 1/2)."""
    pos, neg = scores[y == 1], scores[y == 0]
    greater = (pos[:, None] > neg[None, :]).mean()
    ties = (pos[:, None] == neg[None, :]).mean()
    return greater + 0.5 * ties


@pytest.mark.parametrize("seed", range(3))
def test_auc_matches_the_exact_rank_statistic(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, 2000)
    scores = np.clip(rng.normal(0.35 + 0.3 * y, 0.2), 0, 1)
    auc = metrics.AUC(num_thresholds=1000)
    for chunk in np.array_split(np.arange(2000), 7):  # streaming over batches
        auc.update_state(y[chunk], scores[chunk])
    assert auc.result() == pytest.approx(exact_roc_auc(y, scores), abs=2e-3)
    assert metrics.AUC()(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.8, 0.9])) == \
        pytest.approx(1.0)


def test_pr_auc_of_a_perfect_and_a_useless_ranking():
    y = np.array([0, 0, 0, 1, 1, 1, 1, 0])
    perfect = metrics.AUC(curve="PR")(y, y * 0.8 + 0.1)
    assert perfect == pytest.approx(1.0, abs=1e-6)
    rng = np.random.default_rng(0)
    yy = rng.integers(0, 2, 5000)
    useless = metrics.AUC(curve="PR")(yy, rng.random(5000))
    assert useless == pytest.approx(yy.mean(), abs=0.03)


def test_precision_and_recall_by_hand_with_weights_and_thresholds():
    y = np.array([1, 1, 0, 0, 1, 0])
    p = np.array([0.9, 0.4, 0.6, 0.1, 0.7, 0.2])
    # predicted positive (> 0.5): items 0, 2, 4 -> tp = 2 (0, 4), fp = 1 (2), fn = 1 (1)
    assert metrics.Precision()(y, p) == pytest.approx(2 / 3)
    assert metrics.Recall()(y, p) == pytest.approx(2 / 3)
    w = np.array([1, 1, 3, 1, 1, 1])
    assert metrics.Precision()(y, p, sample_weight=w) == pytest.approx(2 / 5)
    assert metrics.Recall(thresholds=0.3)(y, p) == pytest.approx(1.0)


def test_accuracy_variants():
    y_int = np.array([0, 2, 1])
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.5, 0.3, 0.2]])
    assert metrics.SparseCategoricalAccuracy()(y_int, probs) == pytest.approx(2 / 3)
    assert metrics.CategoricalAccuracy()(np.eye(3)[y_int], probs) == pytest.approx(2 / 3)
    assert metrics.BinaryAccuracy()(np.array([1, 0, 1]), np.array([0.6, 0.4, 0.3])) == \
        pytest.approx(2 / 3)
    assert metrics.TopKCategoricalAccuracy(k=2)(np.eye(3)[y_int], probs) == pytest.approx(1.0)
    assert metrics.Accuracy()(np.array([1, 2, 3]), np.array([1, 2, 4])) == pytest.approx(2 / 3)


def test_metrics_by_name_in_compile_give_history_keys():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((200, 4)).astype(np.float32)
    y = (x[:, 0] > 0).astype(int)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy",
                  metrics=["accuracy", "precision", "recall", "auc"])
    hist = model.fit(x, y, epochs=5, verbose=0, validation_split=0.2)
    assert {"accuracy", "precision", "recall", "auc", "val_auc"} <= set(hist.history)
    assert hist.history["auc"][-1] > 0.9
