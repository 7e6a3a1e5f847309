"""ch7.accuracy: fraction of rows whose argmax is the label."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops.sequential import accuracy


def accuracy__argmax_on_the_wrong_axis(y_true, logits):
    return float(np.mean(np.argmax(logits, axis=0) == y_true))


def accuracy__count_instead_of_fraction(y_true, logits):
    return int(np.sum(np.argmax(logits, axis=1) == y_true))


def accuracy__percentage_instead_of_fraction(y_true, logits):
    return float(100 * np.mean(np.argmax(logits, axis=1) == y_true))


def _accuracy_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 3):
        n, k = int(rng.integers(5, 60 if hidden else 20)), int(rng.integers(2, 11))
        logits = rng.standard_normal((n, k)).astype(np.float32)
        y = np.where(rng.random(n) < 0.6, logits.argmax(1), rng.integers(0, k, n))
        cases.append(Case("random batches", {"y_true": y, "logits": logits}))
    k = int(rng.integers(3, 8))
    logits = rng.standard_normal((k, k)).astype(np.float32)
    cases.append(Case("as many rows as classes",
                      {"y_true": np.roll(logits.argmax(1), 1) if k % 2 else logits.argmax(1),
                       "logits": logits}))
    cases.append(Case("batch of 1", {"y_true": np.array([2]),
                                     "logits": np.array([[0.1, -1.0, 3.0, 0.5]], np.float32)}))
    if hidden:
        logits = rng.standard_normal((5000, 10)).astype(np.float32)
        cases.append(Case("large", {"y_true": rng.integers(0, 10, 5000), "logits": logits}))
    return cases


ACCURACY = Exercise(
    id="ch7.accuracy", name="accuracy", reference=accuracy, make_cases=_accuracy_cases,
    points=1, summary="fraction of rows whose argmax is the label",
    mistakes=[
        Mistake("argmax on the wrong axis",
                "np.argmax(logits, axis=0) picks, for each class, the row with the largest "
                "logit. The prediction for a sample is the argmax of its row: axis=1.",
                accuracy__argmax_on_the_wrong_axis),
        Mistake("count instead of fraction",
                "You returned how many predictions are right; accuracy is that count divided "
                "by the number of samples (np.mean of the boolean array does both).",
                accuracy__count_instead_of_fraction),
        Mistake("percentage instead of fraction",
                "Keras reports accuracy as a fraction between 0 and 1, not a percentage: "
                "drop the factor 100.", accuracy__percentage_instead_of_fraction),
    ])
