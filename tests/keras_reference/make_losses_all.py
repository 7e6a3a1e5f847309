"""Keras 3's losses, every reduction, with and without sample weights, and their gradients.

Run with TensorFlow-Keras: ``tf/bin/python tests/keras_reference/make_losses_all.py``.
Writes ``losses_all.npz``: ``cases`` (JSON: class name, arguments, kinds of target and
prediction), the float32 inputs of each case and, for each reduction and weighting,
Keras's loss and its gradient with respect to ``y_pred`` (of ``sum(loss)`` for "none").
"""

import json
import sys
from pathlib import Path

import numpy as np
import tensorflow as tf
import keras

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from keras_reference import save  # noqa: E402
from keras_reference.loss_inputs import loss_input  # noqa: E402

N, K, T = 6, 4, 3
REDUCTIONS = ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"]
CASES = [
    ("MeanSquaredError", {}, "real", "real"),
    ("MeanSquaredError", {}, "real", "real", (N, T, K)),
    ("MeanAbsoluteError", {}, "real", "real"),
    ("MeanAbsolutePercentageError", {}, "real", "real"),
    ("MeanSquaredLogarithmicError", {}, "positive", "positive"),
    ("CosineSimilarity", {}, "real", "real"),
    ("Huber", {}, "real", "real"),
    ("Huber", {"delta": 0.5}, "real", "real"),
    ("LogCosh", {}, "real", "real"),
    ("Hinge", {}, "binary", "real"),
    ("Hinge", {}, "signed", "real"),
    ("SquaredHinge", {}, "binary", "real"),
    ("CategoricalHinge", {}, "one_hot", "real"),
    ("KLDivergence", {}, "probs", "probs"),
    ("Poisson", {}, "positive", "positive"),
    ("BinaryCrossentropy", {}, "binary", "unit"),
    ("BinaryCrossentropy", {"from_logits": True}, "binary", "real"),
    ("BinaryCrossentropy", {"label_smoothing": 0.1}, "binary", "unit"),
    ("BinaryFocalCrossentropy", {}, "binary", "unit"),
    ("BinaryFocalCrossentropy", {"apply_class_balancing": True, "alpha": 0.4, "gamma": 1.5,
                                 "from_logits": True, "label_smoothing": 0.05},
     "binary", "real"),
    ("CategoricalCrossentropy", {}, "one_hot", "probs"),
    ("CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, "one_hot", "real"),
    ("CategoricalFocalCrossentropy", {}, "one_hot", "probs"),
    ("CategoricalFocalCrossentropy", {"alpha": 0.5, "gamma": 3.0, "from_logits": True,
                                      "label_smoothing": 0.1}, "one_hot", "real"),
    ("SparseCategoricalCrossentropy", {}, "labels", "probs"),
    ("SparseCategoricalCrossentropy", {"from_logits": True}, "labels", "real"),
    ("SparseCategoricalCrossentropy", {"ignore_class": 1}, "labels", "probs"),
    ("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": 1},
     "labels", "real"),
]


def main():
    rng = np.random.default_rng(20261205)
    out = {"cases": np.array(json.dumps(CASES))}
    for i, (cls, kwargs, true_kind, pred_kind, *shape) in enumerate(CASES):
        shape = shape[0] if shape else (N, K)
        y_true = loss_input(true_kind, rng, shape)
        y_true = y_true.astype(np.int64 if true_kind == "labels" else np.float32)
        y_pred = loss_input(pred_kind, rng, shape).astype(np.float32)
        weight = rng.uniform(0.5, 2.0, y_pred.shape[:-1]).astype(np.float32)
        out[f"{i}/y_true"], out[f"{i}/y_pred"], out[f"{i}/weight"] = y_true, y_pred, weight
        for reduction in REDUCTIONS:
            loss_obj = getattr(keras.losses, cls)(reduction=reduction, **kwargs)
            for weighted in (False, True):
                p = tf.Variable(y_pred)
                with tf.GradientTape() as tape:
                    loss = loss_obj(y_true, p, sample_weight=weight if weighted else None)
                    total = tf.reduce_sum(loss)
                key = f"{i}/{reduction}/{int(weighted)}"
                out[f"{key}/loss"] = loss.numpy()
                out[f"{key}/grad"] = tape.gradient(total, p).numpy()
    save("losses_all", out)
    print(f"{len(CASES)} cases, keras {keras.__version__}, tensorflow {tf.__version__}")


if __name__ == "__main__":
    main()
