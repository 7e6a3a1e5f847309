"""Keras 3's LSTMCell and GRUCell, one step from a random state: writes seq_cells.npz.

Run with TensorFlow-Keras (never a dependency of the course)::

    tf/bin/python tests/keras_reference/make_seq_cells.py

For every case it saves the input ``<case>/x``, the states ``<case>/s0`` (``s1``), the
weights it set (``<case>/w0``, ``w1``, ``w2``), the new states ``<case>/out0`` (``out1``),
the upstream gradients ``<case>/r0`` (``r1``) and the gradients of
``sum(out0 * r0) + sum(out1 * r1)`` with respect to x, the states and the weights
(``<case>/dx``, ``<case>/ds0``..., ``<case>/dw0``...).
"""

import os
import sys

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from keras_reference import save  # noqa: E402

rng = np.random.default_rng(1111)
arrays = {}


def cell_case(case, cell, n, d, states):
    cell.build((n, d))
    weights = [rng.standard_normal(w.shape).astype(np.float32) * 0.5 for w in cell.weights]
    cell.set_weights(weights)
    x = tf.Variable(rng.standard_normal((n, d)).astype(np.float32))
    s = [tf.Variable(rng.standard_normal((n, cell.units)).astype(np.float32))
         for _ in range(states)]
    with tf.GradientTape() as tape:
        _, new_states = cell(x, s if states > 1 else s[0], training=False)
        new_states = new_states if isinstance(new_states, (list, tuple)) else [new_states]
        r = [rng.standard_normal(o.shape).astype(np.float32) for o in new_states]
        loss = sum(tf.reduce_sum(o * ri) for o, ri in zip(new_states, r))
    grads = tape.gradient(loss, [x] + s + list(cell.weights))
    arrays[f"{case}/x"] = x.numpy()
    for i, v in enumerate(s):
        arrays[f"{case}/s{i}"] = v.numpy()
        arrays[f"{case}/ds{i}"] = grads[1 + i].numpy()
    for i, (w, g) in enumerate(zip(weights, grads[1 + states:])):
        arrays[f"{case}/w{i}"] = w
        arrays[f"{case}/dw{i}"] = np.asarray(g)
    for i, (o, ri) in enumerate(zip(new_states, r)):
        arrays[f"{case}/out{i}"] = np.asarray(o)
        arrays[f"{case}/r{i}"] = ri
    arrays[f"{case}/dx"] = grads[0].numpy()


keras.utils.set_random_seed(0)
cell_case("lstm", keras.layers.LSTMCell(4), 3, 5, 2)
cell_case("gru", keras.layers.GRUCell(4), 3, 5, 1)
cell_case("gru_reset_before", keras.layers.GRUCell(3, reset_after=False), 2, 4, 1)
save("seq_cells", arrays)
print(f"wrote seq_cells.npz: keras {keras.__version__}, {len(arrays)} arrays")
