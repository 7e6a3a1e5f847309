"""Recurrent layers against Keras 3: the same weights give Keras's outputs (and weight
gradients), with masks, go_backwards, initial states, return_state, Bidirectional's merge
modes, and masks made by Embedding(mask_zero=True) and Masking in Sequential models."""

import numpy as np
import pytest

from course import keras
from course.keras import layers
from keras_reference import load

REF = load("rnn_layers")

LAYER_CASES = {
    "simple_rnn_seq": lambda: layers.SimpleRNN(5, return_sequences=True),
    "simple_rnn_state_back": lambda: layers.SimpleRNN(5, return_state=True, go_backwards=True),
    "simple_rnn_relu_mask": lambda: layers.SimpleRNN(5, activation="relu",
                                                     return_sequences=True),
    "lstm_seq_state": lambda: layers.LSTM(5, return_sequences=True, return_state=True),
    "lstm_back": lambda: layers.LSTM(5, go_backwards=True, return_sequences=True),
    "lstm_hard_sigmoid": lambda: layers.LSTM(5, activation="relu",
                                             recurrent_activation="hard_sigmoid"),
    "lstm_mask": lambda: layers.LSTM(5, return_sequences=True, return_state=True),
    "lstm_initial": lambda: layers.LSTM(5, return_sequences=True),
    "gru_seq_state": lambda: layers.GRU(5, return_sequences=True, return_state=True),
    "gru_reset_before": lambda: layers.GRU(5, reset_after=False, return_sequences=True),
    "gru_back_mask": lambda: layers.GRU(5, go_backwards=True, return_sequences=True),
    "bidirectional_concat": lambda: layers.Bidirectional(layers.LSTM(5, return_sequences=True)),
    "bidirectional_sum": lambda: layers.Bidirectional(layers.LSTM(5, return_sequences=True),
                                                      merge_mode="sum"),
    "bidirectional_mul": lambda: layers.Bidirectional(layers.LSTM(5, return_sequences=True),
                                                      merge_mode="mul"),
    "bidirectional_ave": lambda: layers.Bidirectional(layers.LSTM(5, return_sequences=True),
                                                      merge_mode="ave"),
    "bidirectional_last_state": lambda: layers.Bidirectional(layers.GRU(5, return_state=True)),
    "time_distributed": lambda: layers.TimeDistributed(layers.Dense(3)),
}


def _case(case):
    prefix = case + "/"
    return {k[len(prefix):]: v for k, v in REF.items() if k.startswith(prefix)}


def _weights(arrays):
    return [arrays[f"w{i}"] for i in range(sum(k.startswith("w") for k in arrays))]


def _outputs(arrays):
    return [arrays[f"out{i}"] for i in range(sum(k.startswith("out") for k in arrays))]


def _run(layer, arrays):
    kwargs = {}
    if "mask" in arrays:
        kwargs["mask"] = arrays["mask"]
    states = [arrays[k] for k in sorted(arrays) if k.startswith("state")]
    if states:
        kwargs["initial_state"] = states
    x = arrays["x"]
    layer.build_for(x.shape)
    layer.set_weights(_weights(arrays))
    return layer.forward(x, **kwargs)


@pytest.mark.parametrize("case", sorted(LAYER_CASES))
def test_same_weights_same_outputs_as_keras(case):
    arrays = _case(case)
    out, _ = _run(LAYER_CASES[case](), arrays)
    outs = out if isinstance(out, list) else [out]
    expected = _outputs(arrays)
    assert len(outs) == len(expected)
    for got, want in zip(outs, expected):
        assert got.shape == want.shape and got.dtype == np.float32
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=2e-5)


@pytest.mark.parametrize("case, make", [
    ("lstm_grads", lambda: layers.LSTM(5, return_sequences=True)),
    ("gru_grads", lambda: layers.GRU(5, return_sequences=True)),
    ("gru_before_grads", lambda: layers.GRU(5, reset_after=False))])
def test_weight_gradients_equal_keras(case, make):
    arrays = _case(case)
    layer = make()
    out, cache = _run(layer, arrays)
    np.testing.assert_allclose(out, arrays["out0"], rtol=1e-4, atol=2e-5)
    _, grads = layer.backward(arrays["r"], cache)
    for i, g in enumerate(grads):
        np.testing.assert_allclose(g, arrays[f"grad{i}"], rtol=1e-3, atol=1e-4,
                                   err_msg=f"gradient of weight {i}")


@pytest.mark.parametrize("case, make", [
    ("embedding_lstm", lambda: layers.LSTM(6)),
    ("embedding_lstm_seq", lambda: layers.LSTM(6, return_sequences=True)),
    ("embedding_bidirectional_gru",
     lambda: layers.Bidirectional(layers.GRU(4, return_sequences=True)))])
def test_embedding_mask_zero_reaches_the_recurrent_layer(case, make):
    arrays = _case(case)
    model = keras.Sequential([keras.Input((7,)), layers.Embedding(20, 3, mask_zero=True),
                              make()])
    model.set_weights(_weights(arrays))
    got = model.predict(arrays["ids"], verbose=0)
    np.testing.assert_allclose(got, arrays["out0"], rtol=1e-4, atol=2e-5)
    inputs = keras.Input((7,))
    functional = keras.Model(inputs, make()(layers.Embedding(20, 3, mask_zero=True)(inputs)))
    functional.set_weights(_weights(arrays))
    np.testing.assert_allclose(functional.predict(arrays["ids"], verbose=0), arrays["out0"],
                               rtol=1e-4, atol=2e-5)


def test_masking_layer_masks_the_steps_that_equal_mask_value():
    arrays = _case("masking_simple_rnn")
    model = keras.Sequential([keras.Input((5, 2)), layers.Masking(0.0),
                              layers.SimpleRNN(4, return_sequences=True)])
    model.set_weights(_weights(arrays))
    np.testing.assert_allclose(model.predict(arrays["x"], verbose=0), arrays["out0"],
                               rtol=1e-4, atol=2e-5)


def test_default_weights_have_keras_shapes_and_forget_bias():
    lstm = layers.LSTM(3)
    lstm.build_for((None, 2, 2))
    np.testing.assert_array_equal(lstm.get_weights()[2], REF["lstm_default/bias"])
    assert [w.shape for w in lstm.get_weights()] == [(2, 12), (3, 12), (12,)]
    recurrent = lstm.get_weights()[1]
    np.testing.assert_allclose(recurrent @ recurrent.T, np.eye(3), atol=1e-5)  # orthogonal
    gru = layers.GRU(3)
    gru.build_for((None, 2, 2))
    assert gru.get_weights()[2].shape == (2, 9)
    assert gru(np.zeros((1, 2, 2), np.float32)).shape == tuple(REF["gru_default/bias_shape"])
    assert layers.GRU(3, reset_after=False)(np.zeros((1, 2, 2))).shape == (1, 3)
    embedding = layers.Embedding(10, 4)
    embedding.build_for((None, 3))
    table = embedding.get_weights()[0]
    assert table.shape == (10, 4) and np.abs(table).max() <= 0.05  # "uniform": +-0.05


def test_bidirectional_merge_none_returns_both_directions():
    arrays = _case("bidirectional_concat")
    layer = layers.Bidirectional(layers.LSTM(5, return_sequences=True), merge_mode=None)
    (forward, backward), _ = _run(layer, arrays)
    np.testing.assert_allclose(np.concatenate([forward, backward], -1), arrays["out0"],
                               rtol=1e-4, atol=2e-5)
    assert [sub.name.split("_")[0] for sub in (layer.forward_layer, layer.backward_layer)] == \
        ["forward", "backward"]


def test_recurrent_dropout_is_seeded_and_training_only():
    x = np.random.default_rng(0).standard_normal((4, 6, 3)).astype(np.float32)
    a = layers.LSTM(5, dropout=0.3, recurrent_dropout=0.3, seed=1)
    b = layers.LSTM(5, dropout=0.3, recurrent_dropout=0.3, seed=1)
    a.build_for(x.shape)
    b.build_for(x.shape)
    b.set_weights(a.get_weights())
    np.testing.assert_array_equal(a.forward(x, training=True)[0], b.forward(x, training=True)[0])
    np.testing.assert_array_equal(a.forward(x)[0], a.forward(x)[0])
    assert not np.allclose(a.forward(x, training=True)[0], a.forward(x)[0])


def test_bad_arguments_say_what_was_expected():
    with pytest.raises(ValueError, match="units"):
        layers.LSTM(0)
    with pytest.raises(ValueError, match="ndim=3"):
        layers.GRU(2)(np.ones((2, 3), np.float32))
    with pytest.raises(ValueError, match="merge mode"):
        layers.Bidirectional(layers.LSTM(2), merge_mode="max")
    with pytest.raises(ValueError, match=r'Layer "embedding.*input_dim=5'):
        layers.Embedding(5, 2, name="embedding_bad")(np.array([[1, 7]]))


def test_configs_round_trip():
    for layer in (layers.LSTM(4, return_sequences=True, go_backwards=True),
                  layers.GRU(3, reset_after=False), layers.SimpleRNN(2, activation="relu"),
                  layers.Embedding(9, 2, mask_zero=True), layers.Masking(-1.0)):
        again = type(layer).from_config(layer.get_config())
        assert again.get_config() == {**layer.get_config(), "name": again.name}
    bi = layers.Bidirectional(layers.LSTM(3, return_sequences=True), merge_mode="sum")
    again = layers.Bidirectional.from_config(bi.get_config())
    assert again.merge_mode == "sum" and again.backward_layer.go_backwards
