"""Keras 3's metrics after three ``update_state`` calls, with and without sample weights.

Run with TensorFlow-Keras: ``tf/bin/python tests/keras_reference/make_losses_metrics.py``.
Writes ``losses_metrics.npz``: ``cases`` (JSON: class name, arguments, kinds of target and
prediction), per case the three batches and weights, and the result without and with weights.
"""

import json
import sys
from pathlib import Path

import numpy as np
import keras

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from keras_reference import save  # noqa: E402
from keras_reference.loss_inputs import loss_input  # noqa: E402

N, K, BATCHES = 16, 4, 3
CASES = [
    ("TruePositives", {}, "binary", "unit"),
    ("FalsePositives", {"thresholds": [0.2, 0.5, 0.8]}, "binary", "unit"),
    ("TrueNegatives", {"thresholds": 0.3}, "binary", "unit"),
    ("FalseNegatives", {}, "binary", "unit"),
    ("PrecisionAtRecall", {"recall": 0.6}, "binary", "unit"),
    ("RecallAtPrecision", {"precision": 0.55, "num_thresholds": 50}, "binary", "unit"),
    ("SensitivityAtSpecificity", {"specificity": 0.5}, "binary", "unit"),
    ("SpecificityAtSensitivity", {"sensitivity": 0.7, "class_id": 2}, "binary", "unit"),
    ("F1Score", {}, "one_hot", "probs"),
    ("F1Score", {"average": "macro", "threshold": 0.3}, "binary", "unit"),
    ("FBetaScore", {"average": "micro", "beta": 2.0}, "one_hot", "probs"),
    ("FBetaScore", {"average": "weighted", "beta": 0.5, "threshold": 0.5}, "binary", "unit"),
    ("MeanSquaredError", {}, "real", "real"),
    ("MeanAbsoluteError", {}, "real", "real"),
    ("RootMeanSquaredError", {}, "real", "real"),
    ("BinaryCrossentropy", {}, "binary", "unit"),
    ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, "binary", "real"),
    ("CategoricalCrossentropy", {}, "one_hot", "probs"),
    ("CategoricalCrossentropy", {"from_logits": True}, "one_hot", "real"),
    ("SparseCategoricalCrossentropy", {}, "labels", "probs"),
    ("TopKCategoricalAccuracy", {"k": 2}, "one_hot", "probs"),
    ("SparseTopKCategoricalAccuracy", {"k": 2}, "labels", "probs"),
]


def main():
    rng = np.random.default_rng(20261205)
    out = {"cases": np.array(json.dumps(CASES))}
    for i, (cls, kwargs, true_kind, pred_kind) in enumerate(CASES):
        batches = []
        for b in range(BATCHES):
            y_true = loss_input(true_kind, rng, (N, K))
            y_true = y_true.astype(np.int64 if true_kind == "labels" else np.float32)
            y_pred = loss_input(pred_kind, rng, (N, K)).astype(np.float32)
            weight = rng.uniform(0.0, 2.0, N).astype(np.float32)
            out[f"{i}/{b}/y_true"], out[f"{i}/{b}/y_pred"] = y_true, y_pred
            out[f"{i}/{b}/weight"] = weight
            batches.append((y_true, y_pred, weight))
        for weighted in (0, 1):
            keras.backend.clear_session()  # fresh names, without "_1" suffixes
            metric = getattr(keras.metrics, cls)(**kwargs)
            for y_true, y_pred, weight in batches:
                metric.update_state(y_true, y_pred, sample_weight=weight if weighted else None)
            out[f"{i}/{weighted}/result"] = np.asarray(metric.result())
        out[f"{i}/name"] = np.array(metric.name)
    save("losses_metrics", out)
    print(f"{len(CASES)} cases, keras {keras.__version__}")


if __name__ == "__main__":
    main()
