"""``FBetaScore`` and ``F1Score`` as Keras 3 has them: for each class (or pooled with
``average="micro"``), ``(1 + beta**2) P R / (beta**2 P + R)`` from weighted counts.

A prediction counts as positive where it is above ``threshold``, or, with
``threshold=None``, where it is the largest of its row (and not 0). ``average``: None (one
score per class), ``"micro"``, ``"macro"`` (the mean of the class scores) or ``"weighted"``
(weighted by the number of true instances of each class).
"""

import numpy as np

from course.keras.metric import Metric

EPSILON = 1e-7


class FBetaScore(Metric):
    """``FBetaScore(average=None, beta=1.0, threshold=None, name="fbeta_score")``."""

    default_name = "fbeta_score"

    def __init__(self, average=None, beta=1.0, threshold=None, name=None, dtype=None):
        if average not in (None, "micro", "macro", "weighted"):
            raise ValueError(f"Invalid `average` argument value. Expected one of: {{None, "
                             f"'micro', 'macro', 'weighted'}}. Received: average={average}")
        if not isinstance(beta, float) or beta <= 0:
            raise ValueError(f"Invalid `beta` argument value. It should be a Python float "
                             f"> 0. Received: beta={beta!r}")
        if threshold is not None and (not isinstance(threshold, float)
                                      or not 0 < threshold <= 1):
            raise ValueError(f"Invalid `threshold` argument value. It should be a Python "
                             f"float with 0 < threshold <= 1. Received: threshold={threshold!r}")
        self.average, self.beta, self.threshold = average, beta, threshold
        super().__init__(name, dtype)

    def reset_state(self):
        self.tp = self.fp = self.fn = self.support = 0.0

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = np.asarray(y_true, dtype=np.float64)
        y_pred = np.asarray(y_pred, dtype=np.float64)
        if y_pred.ndim != 2 or y_true.shape != y_pred.shape:
            raise ValueError(f"{type(self).__name__} expects 2D inputs with shape "
                             f"(batch_size, output_dim). Received input shapes: "
                             f"y_pred.shape={y_pred.shape} and y_true.shape={y_true.shape}.")
        if self.threshold is None:
            positive = (y_pred >= y_pred.max(-1, keepdims=True)) & (np.abs(y_pred) > 1e-9)
        else:
            positive = y_pred > self.threshold
        p = positive.astype(np.float64)
        w = 1.0 if sample_weight is None else np.asarray(sample_weight, np.float64).reshape(-1, 1)
        axis = None if self.average == "micro" else 0
        self.tp = self.tp + (w * p * y_true).sum(axis)
        self.fp = self.fp + (w * p * (1 - y_true)).sum(axis)
        self.fn = self.fn + (w * (1 - p) * y_true).sum(axis)
        self.support = self.support + (w * y_true).sum(axis)

    def result(self):
        precision = self.tp / (self.tp + self.fp + EPSILON)
        recall = self.tp / (self.tp + self.fn + EPSILON)
        b2 = self.beta ** 2
        score = (1 + b2) * precision * recall / (b2 * precision + recall + EPSILON)
        if self.average == "weighted":
            return float((score * self.support / (np.sum(self.support) + EPSILON)).sum())
        if self.average is not None:
            return float(np.mean(score))
        return np.asarray(score)

    def get_config(self):
        return {**super().get_config(), "average": self.average, "beta": self.beta,
                "threshold": self.threshold}


class F1Score(FBetaScore):
    """``F1Score(average=None, threshold=None, name="f1_score")``: ``FBetaScore`` with beta 1."""

    default_name = "f1_score"

    def __init__(self, average=None, threshold=None, name=None, dtype=None):
        super().__init__(average, 1.0, threshold, name, dtype)

    def get_config(self):
        config = super().get_config()
        del config["beta"]
        return config
