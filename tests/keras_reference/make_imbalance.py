"""Keras 3's numbers for chapter 10: Precision, Recall, F1Score and AUC on imbalanced
labels, the confusion matrix, and RandomRotation with bilinear interpolation.

Run with TensorFlow-Keras: ``tf/bin/python tests/keras_reference/make_imbalance.py``.
Writes ``imbalance.npz``: for each of three seeds ``{i}/y`` and ``{i}/scores`` (about 15%
positives; the third with tied scores), Keras's ``{i}/precision``, ``{i}/recall`` and
``{i}/f1`` at the threshold 0.5, ``{i}/auc`` (``AUC`` given the midpoints between the
distinct scores as thresholds, so that its trapezoids are the exact ROC curve's) and
``{i}/cm`` (``tf.math.confusion_matrix`` of 4-class labels ``{i}/y4``, ``{i}/p4``);
and ``rotation/images`` with ``rotation/{angle}`` (Keras turns counter-clockwise for a
positive factor, so the course's ``rotate(images, angle)`` is ``factor = -angle / 360``).
"""

import sys
from pathlib import Path

import numpy as np
import keras
import tensorflow as tf

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from keras_reference import save  # noqa: E402

ANGLES = (30.0, -45.0, 137.0, 90.0)


def scored(seed):
    rng = np.random.default_rng(seed)
    y = (rng.random(80) < 0.15).astype(np.int64)
    y[:2], y[2:4] = 1, 0
    scores = 1 / (1 + np.exp(-(rng.standard_normal(80) + 1.5 * y - 1.0)))
    if seed == 2:
        scores = np.round(scores, 1)
    return y, scores.astype(np.float32)


def main():
    out = {}
    for i in range(3):
        y, scores = scored(i)
        labels, preds = y[:, None].astype(np.float32), scores[:, None]
        distinct = np.unique(scores)
        for name, metric in (("precision", keras.metrics.Precision()),
                             ("recall", keras.metrics.Recall()),
                             ("f1", keras.metrics.F1Score(threshold=0.5)),
                             ("auc", keras.metrics.AUC(
                                 thresholds=list((distinct[1:] + distinct[:-1]) / 2)))):
            metric.update_state(labels, preds)
            out[f"{i}/{name}"] = np.asarray(metric.result()).reshape(())
        rng = np.random.default_rng(10 + i)
        y4, p4 = rng.integers(0, 4, 50), rng.integers(0, 4, 50)
        out.update({f"{i}/y": y, f"{i}/scores": scores, f"{i}/y4": y4, f"{i}/p4": p4,
                    f"{i}/cm": tf.math.confusion_matrix(y4, p4, num_classes=4).numpy()})
    images = np.random.default_rng(7).random((2, 9, 11, 2)).astype(np.float32)
    out["rotation/images"] = images
    for angle in ANGLES:
        layer = keras.layers.RandomRotation(factor=(-angle / 360, -angle / 360),
                                            fill_mode="constant", interpolation="bilinear",
                                            fill_value=0.0, seed=0)
        out[f"rotation/{angle}"] = np.asarray(layer(images, training=True))
    save("imbalance", out)


if __name__ == "__main__":
    main()
