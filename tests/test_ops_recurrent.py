"""SimpleRNN, LSTM and GRU over whole sequences, and the embedding lookup: every backward
against central differences in float64, over random shapes, masks, go_backwards, initial
states, dropout masks, and gradients of all outputs or of the last one only."""

import numpy as np
import pytest

from course.ops.embedding import embedding_backward, embedding_forward
from course.ops.gru import gru_backward, gru_forward
from course.ops.lstm import lstm_backward, lstm_forward
from course.ops.simple_rnn import simple_rnn_backward, simple_rnn_forward
from gradcheck import assert_close, numerical_grad


def _gru_before(*args, **kwargs):
    return gru_forward(*args, reset_after=False, **kwargs)


# name -> (forward, backward, gates, number of states, bias shape for units h)
OPS = {
    "simple_rnn": (simple_rnn_forward, simple_rnn_backward, 1, 1, lambda h: (h,)),
    "lstm": (lstm_forward, lstm_backward, 4, 2, lambda h: (4 * h,)),
    "gru": (gru_forward, gru_backward, 3, 1, lambda h: (2, 3 * h)),
    "gru_reset_before": (_gru_before, gru_backward, 3, 1, lambda h: (3 * h,)),
}


def _case(seed, name):
    rng = np.random.default_rng(seed)
    _, _, gates, states, bias_shape = OPS[name]
    n, t, d, h = (int(v) for v in rng.integers(1, 5, size=4))
    t += 1
    arrays = {"x": rng.standard_normal((n, t, d)),
              "kernel": rng.standard_normal((d, gates * h)) * 0.6,
              "recurrent_kernel": rng.standard_normal((h, gates * h)) * 0.6,
              "bias": rng.standard_normal(bias_shape(h)) * 0.3}
    options = {"go_backwards": bool(rng.integers(2)),
               "zero_output_for_mask": bool(rng.integers(2))}
    if rng.integers(2):
        options["mask"] = rng.random((n, t)) < 0.7
    if rng.integers(2):
        arrays["h0"] = rng.standard_normal((states, n, h))
    if rng.integers(2):
        options["dropout_mask"] = (rng.random((n, d)) > 0.3) / 0.7
        options["recurrent_dropout_mask"] = (rng.random((n, h)) > 0.3) / 0.7
    last_only = bool(rng.integers(2))
    upstream = [rng.standard_normal((n, h) if last_only else (n, t, h))]
    upstream += [rng.standard_normal((n, h)) for _ in range(states)]
    return arrays, options, upstream, last_only


@pytest.mark.parametrize("name", list(OPS))
@pytest.mark.parametrize("seed", range(8))
def test_backward_matches_central_differences(name, seed):
    forward, backward, _, _, _ = OPS[name]
    arrays, options, upstream, last_only = _case(seed, name)

    def run():
        initial = list(arrays["h0"]) if "h0" in arrays else None
        return forward(arrays["x"], arrays["kernel"], arrays["recurrent_kernel"],
                       arrays["bias"], initial_state=initial, **options)

    def loss():
        (outputs, *states), _ = run()
        seen = outputs[:, -1] if last_only else outputs
        return float(np.sum(seen * upstream[0]) +
                     sum(np.sum(s * u) for s, u in zip(states, upstream[1:])))

    (outputs, *states), cache = run()
    assert outputs.dtype == np.float64 and outputs.shape[:2] == arrays["x"].shape[:2]
    dx, dstates, dkernel, drecurrent, dbias = backward(tuple(upstream), cache)
    assert_close(dx, numerical_grad(loss, arrays["x"]), what="dx")
    assert_close(dkernel, numerical_grad(loss, arrays["kernel"]), what="dkernel")
    assert_close(drecurrent, numerical_grad(loss, arrays["recurrent_kernel"]),
                 what="drecurrent_kernel")
    assert_close(dbias, numerical_grad(loss, arrays["bias"]), what="dbias")
    if "h0" in arrays:
        assert_close(np.stack(dstates), numerical_grad(loss, arrays["h0"]),
                     what="dinitial_state")


@pytest.mark.parametrize("name", list(OPS))
def test_masked_steps_carry_state_and_output(name):
    forward, _, gates, _, bias_shape = OPS[name]
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 5, 3))
    weights = (rng.standard_normal((3, gates * 4)), rng.standard_normal((4, gates * 4)),
               rng.standard_normal(bias_shape(4)))
    mask = np.array([[True, True, False, True, False], [False, True, True, True, True]])
    (out, *states), _ = forward(x, *weights, mask=mask)
    (out_zero, *_), _ = forward(x, *weights, mask=mask, zero_output_for_mask=True)
    np.testing.assert_array_equal(out[0, 2], out[0, 1])   # a masked step repeats the output
    np.testing.assert_array_equal(out[0, 4], out[0, 3])
    np.testing.assert_array_equal(out[1, 0], 0.0)         # nothing before the first step
    np.testing.assert_array_equal(states[0][0], out[0, 3])  # the state stops at the last step
    np.testing.assert_array_equal(out_zero[0, 2], 0.0)
    np.testing.assert_array_equal(out_zero[0, 3], out[0, 3])
    # skipping steps is the same as leaving them out
    (short, *short_states), _ = forward(x[:1, [0, 1, 3]], *weights)
    np.testing.assert_allclose(short[0, -1], out[0, 4], rtol=1e-12)


def test_go_backwards_reads_the_sequence_reversed():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((2, 6, 3))
    weights = (rng.standard_normal((3, 20)), rng.standard_normal((5, 20)), rng.standard_normal(20))
    (back, h, c), _ = lstm_forward(x, *weights, go_backwards=True)
    (fwd, h2, c2), _ = lstm_forward(x[:, ::-1], *weights)
    np.testing.assert_allclose(back, fwd, rtol=1e-12)
    np.testing.assert_allclose(c, c2, rtol=1e-12)


def test_float32_in_float32_out():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((3, 4, 2)).astype(np.float32)
    (out, h, c), cache = lstm_forward(x, np.ones((2, 8), np.float32),
                                      np.ones((2, 8), np.float32), np.zeros(8, np.float32))
    assert out.dtype == h.dtype == np.float32
    dx, _, dk, dr, db = lstm_backward((np.ones_like(out), None, None), cache)
    assert dx.dtype == dk.dtype == dr.dtype == db.dtype == np.float32


def test_bad_shapes_name_the_argument():
    with pytest.raises(ValueError, match="kernel"):
        lstm_forward(np.ones((2, 3, 4)), np.ones((4, 7)), np.ones((2, 8)))
    with pytest.raises(ValueError, match="mask"):
        gru_forward(np.ones((2, 3, 4)), np.ones((4, 6)), np.ones((2, 6)), mask=np.ones((3, 2)))
    with pytest.raises(ValueError, match="activation"):
        simple_rnn_forward(np.ones((2, 3, 4)), np.ones((4, 2)), np.ones((2, 2)),
                           activation="softmax")
    with pytest.raises(ValueError, match=r"\(batch, timesteps, features\)"):
        lstm_forward(np.ones((2, 3)), np.ones((3, 8)), np.ones((2, 8)))


@pytest.mark.parametrize("seed", range(4))
def test_embedding_backward_is_a_scatter_add(seed):
    rng = np.random.default_rng(seed)
    table = rng.standard_normal((7, 3))
    ids = rng.integers(0, 7, size=(4, 5))
    ids[0, :2] = 2  # a repeated token receives the sum of its gradients
    out, cache = embedding_forward(ids, table)
    np.testing.assert_array_equal(out, table[ids])
    dout = rng.standard_normal(out.shape)
    dtable = embedding_backward(dout, cache)
    assert_close(dtable, numerical_grad(lambda: float(np.sum(embedding_forward(ids, table)[0]
                                                             * dout)), table))


def test_embedding_rejects_ids_outside_the_table():
    with pytest.raises(ValueError, match=r"input_dim=5"):
        embedding_forward(np.array([[1, 5]]), np.ones((5, 2)))
    with pytest.raises(ValueError, match="whole numbers"):
        embedding_forward(np.array([[1.5]]), np.ones((5, 2)))


@pytest.mark.parametrize("name", list(OPS))
def test_float32_kernels_agree_with_float64(name):
    """float32 steps use fast tanh/sigmoid approximations; they stay within float32 noise."""
    forward, _, gates, _, bias_shape = OPS[name]
    rng = np.random.default_rng(6)
    args = (rng.standard_normal((4, 9, 3)) * 3, rng.standard_normal((3, gates * 5)),
            rng.standard_normal((5, gates * 5)), rng.standard_normal(bias_shape(5)))
    (out64, *_), _ = forward(*args)
    (out32, *_), _ = forward(*(a.astype(np.float32) for a in args))
    assert out32.dtype == np.float32
    np.testing.assert_allclose(out32, out64, rtol=1e-4, atol=1e-5)


def test_fast_tanh_and_sigmoid_are_accurate_in_float32():
    from numba import njit

    from course.ops.vector_math import sigmoid, tanh

    @njit
    def both(x):
        t, s = np.empty_like(x), np.empty_like(x)
        for i in range(x.shape[0]):
            t[i], s[i] = tanh(x[i]), sigmoid(x[i])
        return t, s

    x = np.concatenate([np.linspace(-30, 30, 20001), [0.0, 1e-8, -1e-8]]).astype(np.float32)
    t, s = both(x)
    assert t.dtype == s.dtype == np.float32
    x64 = x.astype(np.float64)
    np.testing.assert_allclose(t, np.tanh(x64), rtol=1e-6, atol=1e-7)
    # (1 + tanh(x / 2)) / 2 is exact to float32 in absolute terms, not relative near 0
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-x64)), rtol=1e-6, atol=2e-7)
    assert np.abs(t).max() <= 1.0 and s.min() >= 0.0 and s.max() <= 1.0
