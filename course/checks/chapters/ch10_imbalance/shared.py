"""What several exercises of ch10_imbalance use: imbalanced binary labels with scores."""

import numpy as np

from course.checks.spec import Case


def scored_labels(rng, n, positive_rate, separation=1.5, ties=False):
    """``(y, scores)``: labels in {0, 1} with about ``positive_rate`` positives (at least
    two of each class) and scores where positives tend to be higher."""
    y = (rng.random(n) < positive_rate).astype(np.int64)
    y[:2], y[2:4] = 1, 0
    y = rng.permutation(y)
    scores = rng.standard_normal(n) + separation * y
    if ties:
        scores = np.round(scores, 0)
    return y, scores


def binary_score_cases(rng, hidden):
    """Balanced and rare positives, tied scores, a perfect and a useless ranking."""
    cases = []
    for group, n, rate, kw in (("balanced classes", 40, 0.5, {}),
                               ("rare positives (10%)", 60, 0.1, {}),
                               ("tied scores", 30, 0.3, {"ties": True}),
                               ("a perfect ranking", 20, 0.3, {"separation": 100.0}),
                               ("a useless ranking", 50, 0.3, {"separation": 0.0})):
        for _ in range(3 if hidden else 1):
            y, scores = scored_labels(rng, n, rate, **kw)
            cases.append(Case(group, {"y_true": y, "scores": scores}))
    return cases


def imbalanced_label_cases(rng, hidden):
    """Integer labels with one common class and rare ones whose counts do not divide it."""
    def case(group, counts):
        y = np.concatenate([np.full(n, c) for c, n in enumerate(counts)])
        return Case(group, {"y": rng.permutation(y).astype(np.int64), "num_classes": len(counts)})
    cases = [case("two classes, 9 to 2", [9, 2]),
             case("a rare class first", [3, 10]),
             case("three classes, 12, 5 and 2", [12, 5, 2]),
             case("balanced already", [4, 4, 4]),
             case("one sample of the rare class", [7, 1])]
    for _ in range(4 if hidden else 1):
        k = int(rng.integers(2, 6))
        cases.append(case("random counts", [int(n) for n in rng.integers(1, 40, k)]))
    return cases


def focal_cases(rng, hidden, backward=False):
    """Binary targets ``(N, K)`` with probabilities (and, for the backward, logits), Keras's
    defaults and class balancing, several outputs, exact 0 and 1, float32."""
    def case(group, n, k, balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
             dtype=np.float64, y_pred=None):
        y_true = rng.integers(0, 2, (n, k)).astype(dtype)
        if y_pred is None:
            y_pred = 3 * rng.standard_normal((n, k)) if from_logits else rng.uniform(0.02, 0.98, (n, k))
        args = {"y_true": y_true, "y_pred": np.asarray(y_pred, dtype=dtype),
                "apply_class_balancing": balancing, "alpha": alpha, "gamma": gamma}
        if backward:
            args.update(from_logits=from_logits, dvalues=rng.uniform(0.5, 2.0, n).astype(dtype))
        return Case(group, args)
    cases = [case("Keras's defaults (gamma 2, no class balancing)", 8, 1),
             case("class balancing, alpha 0.25", 10, 1, balancing=True),
             case("class balancing, alpha 0.9", 6, 2, balancing=True, alpha=0.9, gamma=1.0),
             case("several outputs per sample (K = 3)", 5, 3, balancing=True),
             case("gamma 5", 6, 2, gamma=5.0),
             case("float32", 7, 2, balancing=True, dtype=np.float32),
             case("probabilities of exactly 0 and 1 (clipped)", 4, 2, balancing=True,
                  y_pred=[[0.0, 1.0], [1.0, 0.0], [0.5, 1.0], [0.0, 0.3]])]
    if backward:
        cases += [case("from logits", 8, 2, balancing=True, from_logits=True),
                  case("from logits, gamma 3, K = 1", 9, 1, gamma=3.0, from_logits=True)]
    else:
        cases.append(case("gamma 0: the (weighted) cross-entropy", 6, 2, balancing=True, gamma=0.0))
    for _ in range(4 if hidden else 0):
        cases.append(case("random", int(rng.integers(1, 60)), int(rng.integers(1, 4)),
                          balancing=bool(rng.random() < 0.5), alpha=float(rng.uniform(0.1, 0.9)),
                          gamma=float(rng.uniform(1.0, 4.0)),
                          from_logits=backward and bool(rng.random() < 0.5)))
    return cases
