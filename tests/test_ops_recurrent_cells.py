"""One step of the LSTM and the GRU (Keras's LSTMCell, GRUCell) and clipping by norm: the
cells agree with Keras, with their sequence op over one step, and their backward with
central differences in float64; bad shapes get errors that name them."""

import numpy as np
import pytest

from course.ops.clipping import clip_by_global_norm, clip_by_norm
from course.ops.gru import gru_cell_backward, gru_cell_forward, gru_forward
from course.ops.lstm import (lstm_backward, lstm_cell_backward, lstm_cell_forward,
                             lstm_forward)
from gradcheck import assert_close, numerical_grad
from keras_reference import load

KERAS = load("seq_cells")


def keras_case(name):
    return {k.split("/", 1)[1]: v for k, v in KERAS.items() if k.startswith(name + "/")}


def test_lstm_cell_matches_keras_lstm_cell():
    k = keras_case("lstm")
    (h, c), cache = lstm_cell_forward(k["x"], k["s0"], k["s1"], k["w0"], k["w1"], k["w2"])
    assert h.dtype == np.float32
    assert_close(h, k["out0"], rtol=1e-5, atol=1e-6, what="h")
    assert_close(c, k["out1"], rtol=1e-5, atol=1e-6, what="c")
    dx, (dh, dc), dkernel, drecurrent, dbias = lstm_cell_backward((k["r0"], k["r1"]), cache)
    for got, name in ((dx, "dx"), (dh, "ds0"), (dc, "ds1"), (dkernel, "dw0"),
                      (drecurrent, "dw1"), (dbias, "dw2")):
        assert_close(got, k[name], rtol=1e-4, atol=1e-5, what=name)


@pytest.mark.parametrize("case,reset_after", [("gru", True), ("gru_reset_before", False)])
def test_gru_cell_matches_keras_gru_cell(case, reset_after):
    k = keras_case(case)
    h, cache = gru_cell_forward(k["x"], k["s0"], k["w0"], k["w1"], k["w2"],
                                reset_after=reset_after)
    assert_close(h, k["out0"], rtol=1e-5, atol=1e-6, what="h")
    dx, (dh,), dkernel, drecurrent, dbias = gru_cell_backward(k["r0"], cache)
    for got, name in ((dx, "dx"), (dh, "ds0"), (dkernel, "dw0"), (drecurrent, "dw1"),
                      (dbias, "dw2")):
        assert_close(got, k[name], rtol=1e-4, atol=1e-5, what=name)


def _arrays(seed, gates, bias_shape):
    rng = np.random.default_rng(seed)
    n, d, h = (int(v) for v in rng.integers(1, 5, size=3))
    return {"x": rng.standard_normal((n, d)), "h": rng.standard_normal((n, h)),
            "c": rng.standard_normal((n, h)),
            "kernel": rng.standard_normal((d, gates * h)) * 0.6,
            "recurrent_kernel": rng.standard_normal((h, gates * h)) * 0.6,
            "bias": rng.standard_normal(bias_shape(h)) * 0.3,
            "r": [rng.standard_normal((n, h)) for _ in range(2)]}


@pytest.mark.parametrize("seed", range(6))
def test_lstm_cell_backward_matches_central_differences(seed):
    a = _arrays(seed, 4, lambda h: (4 * h,))

    def loss():
        (h, c), _ = lstm_cell_forward(a["x"], a["h"], a["c"], a["kernel"],
                                      a["recurrent_kernel"], a["bias"])
        return float(np.sum(h * a["r"][0]) + np.sum(c * a["r"][1]))

    _, cache = lstm_cell_forward(a["x"], a["h"], a["c"], a["kernel"], a["recurrent_kernel"],
                                 a["bias"])
    only_h = seed % 3 == 0           # no gradient of the carry: (dh, None)
    if only_h:
        a["r"][1] = np.zeros_like(a["r"][1])
    dx, (dh, dc), dkernel, drecurrent, dbias = lstm_cell_backward(
        (a["r"][0], None if only_h else a["r"][1]), cache)
    for got, name in ((dx, "x"), (dh, "h"), (dc, "c"), (dkernel, "kernel"),
                      (drecurrent, "recurrent_kernel"), (dbias, "bias")):
        assert_close(got, numerical_grad(loss, a[name]), what=name)


@pytest.mark.parametrize("reset_after", [True, False])
@pytest.mark.parametrize("seed", range(4))
def test_gru_cell_backward_matches_central_differences(seed, reset_after):
    a = _arrays(seed, 3, (lambda h: (2, 3 * h)) if reset_after else (lambda h: (3 * h,)))

    def loss():
        h, _ = gru_cell_forward(a["x"], a["h"], a["kernel"], a["recurrent_kernel"], a["bias"],
                                reset_after=reset_after)
        return float(np.sum(h * a["r"][0]))

    _, cache = gru_cell_forward(a["x"], a["h"], a["kernel"], a["recurrent_kernel"], a["bias"],
                                reset_after=reset_after)
    dx, (dh,), dkernel, drecurrent, dbias = gru_cell_backward(a["r"][0], cache)
    for got, name in ((dx, "x"), (dh, "h"), (dkernel, "kernel"),
                      (drecurrent, "recurrent_kernel"), (dbias, "bias")):
        assert_close(got, numerical_grad(loss, a[name]), what=name)


def test_a_cell_is_one_step_of_its_sequence():
    a = _arrays(7, 4, lambda h: (4 * h,))
    (h, c), _ = lstm_cell_forward(a["x"], a["h"], a["c"], a["kernel"], a["recurrent_kernel"],
                                  a["bias"])
    (outputs, h_seq, c_seq), _ = lstm_forward(a["x"][:, None], a["kernel"],
                                              a["recurrent_kernel"], a["bias"],
                                              initial_state=[a["h"], a["c"]])
    np.testing.assert_allclose(h, h_seq, rtol=1e-12)
    np.testing.assert_allclose(c, c_seq, rtol=1e-12)
    g = _arrays(8, 3, lambda h: (2, 3 * h))
    h, _ = gru_cell_forward(g["x"], g["h"], g["kernel"], g["recurrent_kernel"], g["bias"])
    (_, h_seq), _ = gru_forward(g["x"][:, None], g["kernel"], g["recurrent_kernel"], g["bias"],
                                initial_state=[g["h"]])
    np.testing.assert_allclose(h, h_seq, rtol=1e-12)


def test_float32_in_float32_out():
    a = {k: (v.astype(np.float32) if isinstance(v, np.ndarray) else v)
         for k, v in _arrays(3, 4, lambda h: (4 * h,)).items()}
    (h, c), cache = lstm_cell_forward(a["x"], a["h"], a["c"], a["kernel"],
                                      a["recurrent_kernel"], a["bias"])
    assert h.dtype == c.dtype == np.float32
    dx, (dh, dc), dkernel, _, _ = lstm_cell_backward((np.ones_like(h), None), cache)
    assert dx.dtype == dh.dtype == dkernel.dtype == np.float32


def test_bad_shapes_are_named():
    a = _arrays(1, 4, lambda h: (4 * h,))
    n, units = a["h"].shape
    with pytest.raises(ValueError, match=r"lstm_cell_forward: expected x of shape \(batch, "
                                         r"features\)"):
        lstm_cell_forward(a["x"][None], a["h"], a["c"], a["kernel"], a["recurrent_kernel"])
    with pytest.raises(ValueError, match="lstm_cell_forward: c_prev must have shape"):
        lstm_cell_forward(a["x"], a["h"], a["c"][:, :0], a["kernel"], a["recurrent_kernel"])
    with pytest.raises(ValueError, match="lstm_cell_forward: expected kernel"):
        lstm_cell_forward(a["x"], a["h"], a["c"], a["kernel"][:, 1:], a["recurrent_kernel"])
    with pytest.raises(ValueError, match=r"lstm_cell_forward: expected bias \(%d,\)" % (4 * units)):
        lstm_cell_forward(a["x"], a["h"], a["c"], a["kernel"], a["recurrent_kernel"],
                          a["bias"][1:])
    _, cache = lstm_cell_forward(a["x"], a["h"], a["c"], a["kernel"], a["recurrent_kernel"])
    with pytest.raises(ValueError, match="lstm_cell_backward: the gradient of a state"):
        lstm_cell_backward((np.ones((n + 1, units)), None), cache)
    with pytest.raises(ValueError, match=r"lstm_cell_backward: douts must be the pair"):
        lstm_cell_backward(np.ones((n, units)), cache)
    g = _arrays(1, 3, lambda h: (2, 3 * h))
    with pytest.raises(ValueError,
                       match=r"gru_cell_forward: expected bias \(2, %d\)" % (3 * units)):
        gru_cell_forward(g["x"], g["h"], g["kernel"], g["recurrent_kernel"], g["bias"][0])


def test_clip_by_norm_shrinks_only_a_gradient_over_the_norm():
    g = np.array([[3.0, 4.0], [0.0, 0.0]], np.float32)        # norm 5
    clipped = clip_by_norm(g, 1.0)
    assert clipped.dtype == np.float32
    np.testing.assert_allclose(clipped, g / 5, rtol=1e-6)
    np.testing.assert_array_equal(clip_by_norm(g, 10.0), g)
    np.testing.assert_array_equal(clip_by_norm(np.zeros(3), 1.0), np.zeros(3))
    # each gradient on its own, where the global norm scales them together
    a, b = np.array([3.0, 4.0]), np.array([0.3, 0.4])
    np.testing.assert_allclose([clip_by_norm(a, 1.0), clip_by_norm(b, 1.0)],
                               [a / 5, b])
    np.testing.assert_allclose(clip_by_global_norm([a, b], 1.0),
                               [a / np.sqrt(25.25), b / np.sqrt(25.25)])


def test_a_sequence_backward_names_a_state_gradient_of_the_wrong_shape():
    a = _arrays(2, 4, lambda h: (4 * h,))
    n, units = a["h"].shape
    _, cache = lstm_forward(a["x"][:, None], a["kernel"], a["recurrent_kernel"], a["bias"])
    with pytest.raises(ValueError, match=r"recurrent backward: the gradient of a state must "
                                         r"have shape \(batch, units\)"):
        lstm_backward((None, np.ones((n, units + 1)), None), cache)
