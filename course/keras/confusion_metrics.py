"""Confusion counts and the metrics read off them at a constraint, as Keras 3 has them.

``TruePositives``, ``FalsePositives``, ``TrueNegatives``, ``FalseNegatives`` (``thresholds``
0.5, or a list: one count per threshold); ``SensitivityAtSpecificity``,
``SpecificityAtSensitivity``, ``PrecisionAtRecall`` and ``RecallAtPrecision``: over
``num_thresholds`` evenly spaced thresholds in [0, 1], the best value of one rate among the
thresholds where the other reaches the given value.
"""

import numpy as np

from course.keras.metric import ConfusionCounts, divide_no_nan


class _Count(ConfusionCounts):
    count = None

    def __init__(self, thresholds=None, name=None, dtype=None):
        self.init_thresholds = thresholds
        super().__init__(0.5 if thresholds is None else thresholds, name, dtype)

    def result(self):
        counts = getattr(self, self.count)
        return float(counts[0]) if len(counts) == 1 else counts.copy()

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds}


class TruePositives(_Count):
    """The weighted number of positives predicted above the threshold."""
    count = "tp"


class FalsePositives(_Count):
    """The weighted number of negatives predicted above the threshold."""
    count = "fp"


class TrueNegatives(_Count):
    """The weighted number of negatives predicted at or below the threshold."""
    count = "tn"


class FalseNegatives(_Count):
    """The weighted number of positives predicted at or below the threshold."""
    count = "fn"


def rates(tp, fp, tn, fn):
    """``{"sensitivity" (= "recall"), "specificity", "precision"}`` per threshold."""
    recall = divide_no_nan(tp, tp + fn)
    return {"sensitivity": recall, "recall": recall,
            "specificity": divide_no_nan(tn, tn + fp), "precision": divide_no_nan(tp, tp + fp)}


class _AtConstraint(ConfusionCounts):
    """``max(dependent)`` over the thresholds where ``constrained >= value`` (0 if none)."""

    constrained = dependent = None

    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        if not 0 <= value <= 1:
            raise ValueError(f"Argument `{self.constrained}` must be in the range [0, 1]. "
                             f"Received: {self.constrained}={value}")
        if num_thresholds <= 0:
            raise ValueError(f"Argument `num_thresholds` must be an integer > 0. Received: "
                             f"num_thresholds={num_thresholds}")
        self.value, self.num_thresholds = value, num_thresholds
        setattr(self, self.constrained, value)
        thresholds = [0.5] if num_thresholds == 1 else (
            [0.0] + [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)] + [1.0])
        super().__init__(thresholds, name, dtype, class_id)

    def result(self):
        r = rates(self.tp, self.fp, self.tn, self.fn)
        feasible = r[self.constrained] >= self.value
        return float(np.max(np.where(feasible, r[self.dependent], 0), initial=0))

    def get_config(self):
        return {**super().get_config(), "class_id": self.class_id,
                "num_thresholds": self.num_thresholds, self.constrained: self.value}


class SensitivityAtSpecificity(_AtConstraint):
    """The best sensitivity (recall) where the specificity is at least ``specificity``."""
    constrained, dependent = "specificity", "sensitivity"

    def __init__(self, specificity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(specificity, num_thresholds, class_id, name, dtype)


class SpecificityAtSensitivity(_AtConstraint):
    """The best specificity where the sensitivity is at least ``sensitivity``."""
    constrained, dependent = "sensitivity", "specificity"

    def __init__(self, sensitivity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(sensitivity, num_thresholds, class_id, name, dtype)


class PrecisionAtRecall(_AtConstraint):
    """The best precision where the recall is at least ``recall``."""
    constrained, dependent = "recall", "precision"

    def __init__(self, recall, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(recall, num_thresholds, class_id, name, dtype)


class RecallAtPrecision(_AtConstraint):
    """The best recall where the precision is at least ``precision``."""
    constrained, dependent = "precision", "recall"

    def __init__(self, precision, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(precision, num_thresholds, class_id, name, dtype)
