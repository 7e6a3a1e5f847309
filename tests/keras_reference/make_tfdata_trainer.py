"""Keras 3 on fixed weights: evaluate(return_dict) on a dataset, test_on_batch,
predict_on_batch, and keras.utils.normalize.

Run with TensorFlow: ``/work/venvs/tf/bin/python tests/keras_reference/make_tfdata_trainer.py``.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from keras_reference import save  # noqa: E402

rng = np.random.default_rng(7)
x = rng.normal(size=(50, 4)).astype(np.float32)
y = rng.integers(0, 3, size=50)
w = rng.uniform(0.5, 2.0, size=50).astype(np.float32)
kernel1 = rng.normal(size=(4, 6)).astype(np.float32) * 0.5
bias1 = rng.normal(size=6).astype(np.float32) * 0.1
kernel2 = rng.normal(size=(6, 3)).astype(np.float32) * 0.5
bias2 = rng.normal(size=3).astype(np.float32) * 0.1
norm_in = rng.normal(size=(3, 4, 5))
norm_in[0, 0] = 0.0


def model(metrics, weighted_metrics=None):
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(6, activation="relu"),
                          keras.layers.Dense(3, activation="softmax")])
    m.set_weights([kernel1, bias1, kernel2, bias2])
    m.compile("sgd", "sparse_categorical_crossentropy", metrics=metrics,
              weighted_metrics=weighted_metrics)
    return m


if __name__ == "__main__":
    with_acc, loss_only = model(["accuracy"]), model(None)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(16)
    ds_w = tf.data.Dataset.from_tensor_slices((x, y, w)).batch(16)
    out = dict(x=x, y=y, w=w, kernel1=kernel1, bias1=bias1, kernel2=kernel2, bias2=bias2,
               norm_in=norm_in)
    d = with_acc.evaluate(ds, verbose=0, return_dict=True)
    out.update(eval_loss=d["loss"], eval_accuracy=d["accuracy"])
    out["eval_list"] = with_acc.evaluate(ds, verbose=0)
    out["eval_weighted"] = with_acc.evaluate(ds_w, verbose=0)
    out["eval_steps2"] = with_acc.evaluate(ds.repeat(), steps=2, verbose=0)
    out["eval_loss_only"] = loss_only.evaluate(ds, verbose=0)
    both = model(["accuracy"], ["accuracy"]).evaluate(ds_w, verbose=0, return_dict=True)
    out["weighted_names"] = np.array(list(both))
    out["weighted_values"] = np.array(list(both.values()))
    out["test_on_batch"] = with_acc.test_on_batch(x[:10], y[:10], sample_weight=w[:10])
    out["test_on_batch_loss_only"] = loss_only.test_on_batch(x[:10], y[:10])
    out["predict_on_batch"] = with_acc.predict_on_batch(x[:10])
    out["predict_ds"] = with_acc.predict(tf.data.Dataset.from_tensor_slices(x).batch(7),
                                         verbose=0)
    for axis in (-1, 1, 2):  # axis=0 fails in Keras 3.15 on numpy (`axis or -1`)
        for order in (1, 2, 3):
            out[f"normalize_{axis}_{order}"] = keras.utils.normalize(norm_in, axis, order)
    out["normalize_f32"] = keras.utils.normalize(norm_in.astype(np.float32))
    save("tfdata_trainer", out)
    print({k: v for k, v in out.items() if np.asarray(v).size < 5})
