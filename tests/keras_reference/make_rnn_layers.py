"""Keras 3's recurrent layers on seeded inputs and weights: writes rnn_layers.npz.

Run with TensorFlow-Keras (never a dependency of the course)::

    tf/bin/python tests/keras_reference/make_rnn_layers.py

For every case it saves ``<case>/x`` (and ``<case>/mask`` or token ids), the weights it set
(``<case>/w0``, ``w1``...) and Keras's outputs (``<case>/out0``, ``out1``...); for a few,
the gradients of ``sum(output * r)`` with respect to the weights (``<case>/grad0``...).
"""

import os
import sys

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from keras_reference import save  # noqa: E402

rng = np.random.default_rng(2026)
arrays = {}


def randomize(layer):
    """Random weights of the layer's shapes (larger than the defaults, so the gates work)."""
    weights = [rng.standard_normal(w.shape).astype(np.float32) * 0.5 for w in layer.weights]
    layer.set_weights(weights)
    return weights


def record(case, inputs, weights, outputs, **extra):
    for k, v in {**inputs, **extra}.items():
        arrays[f"{case}/{k}"] = np.asarray(v)
    for i, w in enumerate(weights):
        arrays[f"{case}/w{i}"] = w
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    for i, o in enumerate(outputs):
        arrays[f"{case}/out{i}"] = np.asarray(o)


def layer_case(case, layer, x, mask=None, initial_state=None, grads=False):
    kwargs = {}
    if mask is not None:
        kwargs["mask"] = tf.constant(mask)
    if initial_state is not None:
        kwargs["initial_state"] = [tf.constant(s) for s in initial_state]
    layer(tf.constant(x[:1]), **{k: (v[:1] if k == "mask" else [s[:1] for s in v])
                                for k, v in kwargs.items()})
    weights = randomize(layer)
    extra = {} if mask is None else {"mask": mask}
    for i, s in enumerate(initial_state or []):
        extra[f"state{i}"] = s
    if not grads:
        record(case, {"x": x}, weights, layer(tf.constant(x), **kwargs), **extra)
        return
    with tf.GradientTape() as tape:
        out = layer(tf.constant(x), **kwargs)
        r = rng.standard_normal(out.shape).astype(np.float32)
        loss = tf.reduce_sum(out * r)
    for i, g in enumerate(tape.gradient(loss, layer.trainable_weights)):
        extra[f"grad{i}"] = g.numpy()
    record(case, {"x": x}, weights, out, r=r, **extra)


x = rng.standard_normal((3, 6, 4)).astype(np.float32)
mask = np.array([[1, 1, 1, 1, 0, 0], [1, 0, 1, 1, 1, 0], [0, 0, 1, 1, 1, 1]], bool)
layers = keras.layers

layer_case("simple_rnn_seq", layers.SimpleRNN(5, return_sequences=True), x)
layer_case("simple_rnn_state_back", layers.SimpleRNN(5, return_state=True, go_backwards=True), x)
layer_case("simple_rnn_relu_mask", layers.SimpleRNN(5, activation="relu", return_sequences=True),
           x, mask=mask)
layer_case("lstm_seq_state", layers.LSTM(5, return_sequences=True, return_state=True), x)
layer_case("lstm_back", layers.LSTM(5, go_backwards=True, return_sequences=True), x)
layer_case("lstm_hard_sigmoid", layers.LSTM(5, activation="relu",
                                            recurrent_activation="hard_sigmoid"), x)
layer_case("lstm_mask", layers.LSTM(5, return_sequences=True, return_state=True), x, mask=mask)
layer_case("lstm_initial", layers.LSTM(5, return_sequences=True),
           x, initial_state=[rng.standard_normal((3, 5)).astype(np.float32) for _ in range(2)])
layer_case("lstm_grads", layers.LSTM(5, return_sequences=True), x, mask=mask, grads=True)
layer_case("gru_seq_state", layers.GRU(5, return_sequences=True, return_state=True), x)
layer_case("gru_reset_before", layers.GRU(5, reset_after=False, return_sequences=True), x)
layer_case("gru_back_mask", layers.GRU(5, go_backwards=True, return_sequences=True), x,
           mask=mask)
layer_case("gru_grads", layers.GRU(5, return_sequences=True), x, mask=mask, grads=True)
layer_case("gru_before_grads", layers.GRU(5, reset_after=False), x, mask=mask, grads=True)
for mode in ("concat", "sum", "mul", "ave"):
    layer_case(f"bidirectional_{mode}",
               layers.Bidirectional(layers.LSTM(5, return_sequences=True), merge_mode=mode),
               x, mask=mask)
layer_case("bidirectional_last_state",
           layers.Bidirectional(layers.GRU(5, return_state=True)), x, mask=mask)
layer_case("time_distributed", layers.TimeDistributed(layers.Dense(3)), x)

# masks from Embedding(mask_zero=True) and Masking, through Sequential models
ids = rng.integers(1, 20, size=(4, 7))
ids[0, 4:] = 0
ids[1, :2] = 0
ids[2, 3] = 0
for name, rnn in (("embedding_lstm", layers.LSTM(6)),
                  ("embedding_lstm_seq", layers.LSTM(6, return_sequences=True)),
                  ("embedding_bidirectional_gru",
                   layers.Bidirectional(layers.GRU(4, return_sequences=True)))):
    model = keras.Sequential([keras.Input((7,)), layers.Embedding(20, 3, mask_zero=True), rnn])
    weights = [rng.standard_normal(w.shape).astype(np.float32) * 0.5 for w in model.weights]
    model.set_weights(weights)
    record(name, {"ids": ids}, weights, model(ids))

xm = rng.standard_normal((3, 5, 2)).astype(np.float32)
xm[0, 3:] = 0.0
xm[1, 1] = 0.0
model = keras.Sequential([keras.Input((5, 2)), layers.Masking(0.0),
                          layers.SimpleRNN(4, return_sequences=True)])
weights = [rng.standard_normal(w.shape).astype(np.float32) * 0.5 for w in model.weights]
model.set_weights(weights)
record("masking_simple_rnn", {"x": xm}, weights, model(xm))

# default initial weights: the forget gate's bias starts at 1 (unit_forget_bias)
lstm = layers.LSTM(3)
lstm(tf.zeros((1, 2, 2)))
arrays["lstm_default/bias"] = lstm.weights[2].numpy()
arrays["gru_default/bias_shape"] = np.array(layers.GRU(3)(tf.zeros((1, 2, 2))).shape)

save("rnn_layers", arrays)
print(f"wrote {len(arrays)} arrays with Keras {keras.__version__}")
