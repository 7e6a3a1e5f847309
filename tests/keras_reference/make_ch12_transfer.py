"""Keras 3 on freezing: trainable and non-trainable counts of a base nested in a classifier
as its layers are frozen, and a BatchNormalization layer called with ``training=True``
while trainable and while frozen (Keras 3: frozen means inference mode).

Run with TensorFlow-Keras: ``tf/bin/python tests/keras_reference/make_ch12_transfer.py``.
"""

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras_reference import save  # noqa: E402


def counts(model):
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    return [trainable, model.count_params() - trainable]


base = keras.Sequential([keras.Input(shape=(8, 8, 1)), keras.layers.Conv2D(4, 3),
                         keras.layers.BatchNormalization(), keras.layers.Flatten(),
                         keras.layers.Dense(3)])
model = keras.Sequential([base, keras.layers.Dense(2)])
out = {"all_trainable": counts(model)}
base.layers[0].trainable = False
out["conv_frozen"] = counts(model)
base.layers[1].trainable = False
out["conv_and_bn_frozen"] = counts(model)
base.trainable = False
out["base_frozen"] = counts(model)
model.trainable = False
out["model_frozen"] = counts(model)

rng = np.random.default_rng(12)
x = (3 + 2 * rng.normal(size=(6, 5, 5, 3))).astype("float32")
weights = [(1 + 0.5 * rng.normal(size=3)).astype("float32"), rng.normal(size=3).astype("float32"),
           rng.normal(size=3).astype("float32"), rng.uniform(0.5, 2.0, 3).astype("float32")]
out.update({"bn_x": x, "bn_weights": np.stack(weights)})
for trainable in (True, False):
    bn = keras.layers.BatchNormalization(momentum=0.9)
    bn.build(x.shape)
    bn.set_weights(weights)
    bn.trainable = trainable
    key = "trainable" if trainable else "frozen"
    out[f"bn_{key}_out"] = np.asarray(bn(x, training=True))
    out[f"bn_{key}_moving_mean"] = np.asarray(bn.moving_mean)
    out[f"bn_{key}_moving_var"] = np.asarray(bn.moving_variance)
save("ch12_transfer", out)
