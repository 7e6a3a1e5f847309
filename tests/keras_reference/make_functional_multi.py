"""Keras 3 on a two-input, two-output functional model and on the merge layers.

Run with TensorFlow-Keras (``tf/bin/python tests/keras_reference/make_functional_multi.py``);
writes ``functional_multi.npz``: the seeded data and initial weights, Keras's predictions,
per-output losses, the weights after one SGD step, the logs' names, and every merge layer's
output and input gradients.
"""

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras import layers  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from keras_reference import save  # noqa: E402


def two_input_two_output():
    a = keras.Input(shape=(4,), name="in_a")
    b = keras.Input(shape=(3,), name="in_b")
    h = layers.concatenate([a, b], name="cat")
    h = layers.Dense(5, activation="tanh", name="hid")(h)
    g = layers.Dense(5, activation="relu", name="side")(b)
    h = layers.add([h, g], name="join")
    out_a = layers.Dense(3, activation="softmax", name="out_a")(h)
    out_b = layers.Dense(2, name="out_b")(layers.multiply([h, g], name="gate"))
    return keras.Model(inputs=[a, b], outputs=[out_a, out_b])


def main():
    rng = np.random.default_rng(7)
    n = 8
    arrays = {
        "x_a": rng.standard_normal((n, 4)).astype(np.float32),
        "x_b": rng.standard_normal((n, 3)).astype(np.float32),
        "y_a": rng.integers(0, 3, n).astype(np.int64),
        "y_b": rng.standard_normal((n, 2)).astype(np.float32),
    }
    model = two_input_two_output()
    w0 = [rng.uniform(-0.8, 0.8, w.shape).astype(np.float32) for w in model.get_weights()]
    model.set_weights(w0)
    for i, w in enumerate(w0):
        arrays[f"w0_{i}"] = w
    arrays["weight_names"] = np.array([w.path for w in model.weights])
    xs, ys = [arrays["x_a"], arrays["x_b"]], [arrays["y_a"], arrays["y_b"]]
    pred_a, pred_b = model.predict(xs, verbose=0)
    arrays.update(pred_a=pred_a, pred_b=pred_b)
    model.compile(optimizer=keras.optimizers.SGD(0.1),
                  loss=["sparse_categorical_crossentropy", "mse"], loss_weights=[1.0, 0.5],
                  metrics=[["accuracy"], []])
    logs = model.evaluate(xs, ys, verbose=0, return_dict=True)
    for key, value in logs.items():
        arrays[f"eval_{key}"] = np.float32(value)
    arrays["eval_list"] = np.array(model.evaluate(xs, ys, verbose=0), np.float32)
    model.train_on_batch(xs, ys)
    for i, w in enumerate(model.get_weights()):
        arrays[f"w1_{i}"] = w
    model.set_weights(w0)
    model.compile(optimizer=keras.optimizers.SGD(0.1),
                  loss={"out_a": "sparse_categorical_crossentropy", "out_b": "mse"},
                  loss_weights={"out_a": 1.0, "out_b": 0.5}, metrics={"out_a": ["accuracy"]})
    history = model.fit({"in_a": xs[0], "in_b": xs[1]}, {"out_a": ys[0], "out_b": ys[1]},
                        batch_size=4, epochs=1, shuffle=False, verbose=0,
                        validation_data=(xs, ys))
    arrays["history_keys"] = np.array(list(history.history))
    for key, values in history.history.items():
        arrays[f"fit_{key}"] = np.float32(values[-1])
    for i, w in enumerate(model.get_weights()):
        arrays[f"w2_{i}"] = w
    arrays.update(merges(rng))
    save("functional_multi", arrays)


def merges(rng):
    """Each merge layer's output and ``d sum(out * dout) / d inputs`` on random inputs."""
    p = rng.standard_normal((5, 4)).astype(np.float32)
    q = rng.standard_normal((5, 4)).astype(np.float32)
    r = rng.standard_normal((5, 4)).astype(np.float32)
    u = rng.standard_normal((5, 3, 4)).astype(np.float32)
    v = rng.standard_normal((5, 3, 2)).astype(np.float32)
    w = rng.standard_normal((5, 2, 4)).astype(np.float32)
    one = rng.standard_normal((5, 1, 4)).astype(np.float32)
    cases = {
        "add": (layers.Add(), [p, q, r]),
        "subtract": (layers.Subtract(), [p, q]),
        "multiply": (layers.Multiply(), [p, q, r]),
        "average": (layers.Average(), [p, q, r]),
        "maximum": (layers.Maximum(), [p, q, r]),
        "minimum": (layers.Minimum(), [p, q, r]),
        "concatenate": (layers.Concatenate(axis=1), [p, q]),
        "concatenate3d": (layers.Concatenate(axis=1), [u, w]),
        "dot": (layers.Dot(axes=1), [p, q]),
        "dot_normalize": (layers.Dot(axes=1, normalize=True), [p, q]),
        "dot3d": (layers.Dot(axes=1), [u, v]),
        "dot3d_pair": (layers.Dot(axes=(2, 2)), [u, w]),
        "dot3d_normalize": (layers.Dot(axes=(2, 2), normalize=True), [u, w]),
        "add_broadcast": (layers.Add(), [one, u]),
        "multiply_broadcast": (layers.Multiply(), [u, one]),
    }
    out = {"merge_p": p, "merge_q": q, "merge_r": r, "merge_u": u, "merge_v": v,
           "merge_w": w, "merge_one": one}
    for name, (layer, inputs) in cases.items():
        tensors = [tf.constant(x) for x in inputs]
        with tf.GradientTape() as tape:
            tape.watch(tensors)
            y = layer(tensors)
            dout = tf.constant(np.cos(np.arange(np.prod(y.shape))).reshape(y.shape)
                               .astype(np.float32))
            total = tf.reduce_sum(y * dout)
        grads = tape.gradient(total, tensors)
        out[f"{name}_out"] = y.numpy()
        for i, g in enumerate(grads):
            out[f"{name}_grad{i}"] = g.numpy()
    return out


if __name__ == "__main__":
    main()
