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
