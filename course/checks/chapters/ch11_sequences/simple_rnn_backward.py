"""ch11.simple_rnn_backward: backpropagation through time of a SimpleRNN."""

import numpy as np

from course.checks.calls import backward_reading_cache, none_or_described
from course.checks.chapters.ch11_sequences.shared import recurrent_gradients, rnn_cases
from course.checks.spec import Exercise, Mistake
from course.ops.simple_rnn import simple_rnn_backward, simple_rnn_forward


def _cases(rng, hidden):
    return rnn_cases(rng, hidden, masks=False, with_douts=True)


def _call(obj, args):
    _, cache = simple_rnn_forward(args["x"], args["kernel"], args["recurrent_kernel"],
                                  args["bias"])
    grads = recurrent_gradients(backward_reading_cache(
        obj, "simple_rnn_backward", (args["doutputs"], args["dh"]), cache),
        "simple_rnn_backward", ("dh0",))
    return grads if args["bias"] is not None else grads[:-1] + (none_or_described(grads[-1]),)


def simple_rnn_backward__did_not_carry_the_state_gradient_back(douts, cache):
    xs, _, kernel, recurrent_kernel, has_bias, hs, ys = cache[:7]
    doutputs, dh_last = douts
    t, n, d = xs.shape
    dx = np.zeros((n, t, d), xs.dtype)
    dkernel, drecurrent = np.zeros_like(kernel), np.zeros_like(recurrent_kernel)
    dbias = np.zeros(kernel.shape[1], xs.dtype)
    dh = np.zeros_like(hs[0]) if dh_last is None else dh_last.copy()
    for step in range(t - 1, -1, -1):
        dz = (dh + doutputs[:, step]) * (1 - ys[step] ** 2)
        dx[:, step] = dz @ kernel.T
        dkernel += xs[step].T @ dz
        drecurrent += hs[step].T @ dz
        dbias += dz.sum(axis=0)
        dh = np.zeros_like(dh)
    return dx, [dz @ recurrent_kernel.T], dkernel, drecurrent, dbias if has_bias else None


def simple_rnn_backward__recurrent_gradient_with_the_new_state(douts, cache):
    xs, _, kernel, recurrent_kernel, has_bias, hs, ys = cache[:7]
    doutputs, dh_last = douts
    t, n, d = xs.shape
    dx = np.zeros((n, t, d), xs.dtype)
    dkernel, drecurrent = np.zeros_like(kernel), np.zeros_like(recurrent_kernel)
    dbias = np.zeros(kernel.shape[1], xs.dtype)
    dh = np.zeros_like(hs[0]) if dh_last is None else dh_last.copy()
    for step in range(t - 1, -1, -1):
        dz = (dh + doutputs[:, step]) * (1 - ys[step] ** 2)
        dx[:, step] = dz @ kernel.T
        dkernel += xs[step].T @ dz
        drecurrent += hs[step + 1].T @ dz
        dbias += dz.sum(axis=0)
        dh = dz @ recurrent_kernel.T
    return dx, [dh], dkernel, drecurrent, dbias if has_bias else None


def simple_rnn_backward__forgot_the_final_state_s_gradient(douts, cache):
    xs, _, kernel, recurrent_kernel, has_bias, hs, ys = cache[:7]
    doutputs, dh_last = douts
    t, n, d = xs.shape
    dx = np.zeros((n, t, d), xs.dtype)
    dkernel, drecurrent = np.zeros_like(kernel), np.zeros_like(recurrent_kernel)
    dbias = np.zeros(kernel.shape[1], xs.dtype)
    dh = np.zeros_like(hs[0])
    for step in range(t - 1, -1, -1):
        dz = (dh + doutputs[:, step]) * (1 - ys[step] ** 2)
        dx[:, step] = dz @ kernel.T
        dkernel += xs[step].T @ dz
        drecurrent += hs[step].T @ dz
        dbias += dz.sum(axis=0)
        dh = dz @ recurrent_kernel.T
    return dx, [dh], dkernel, drecurrent, dbias if has_bias else None


def simple_rnn_backward__returned_dx_time_major(douts, cache):
    xs, _, kernel, recurrent_kernel, has_bias, hs, ys = cache[:7]
    doutputs, dh_last = douts
    t, n, d = xs.shape
    dx = np.zeros((t, n, d), xs.dtype)
    dkernel, drecurrent = np.zeros_like(kernel), np.zeros_like(recurrent_kernel)
    dbias = np.zeros(kernel.shape[1], xs.dtype)
    dh = np.zeros_like(hs[0]) if dh_last is None else dh_last.copy()
    for step in range(t - 1, -1, -1):
        dz = (dh + doutputs[:, step]) * (1 - ys[step] ** 2)
        dx[step] = dz @ kernel.T
        dkernel += xs[step].T @ dz
        drecurrent += hs[step].T @ dz
        dbias += dz.sum(axis=0)
        dh = dz @ recurrent_kernel.T
    return dx, [dh], dkernel, drecurrent, dbias if has_bias else None


SIMPLE_RNN_BACKWARD = Exercise(
    id="ch11.simple_rnn_backward", name="simple_rnn_backward", reference=simple_rnn_backward,
    make_cases=_cases, call=_call,
    output_names=("dx", "dh0", "dkernel", "drecurrent_kernel", "dbias"), rtol=1e-4, atol=1e-6,
    points=3,
    mistakes=[
        Mistake("did not carry the state gradient back",
                "h_{t-1} feeds step t, so its gradient has two parts: the output's own "
                "(doutputs[:, t-1]) and what comes back through step t, "
                "dz_t @ recurrent_kernel.T. Carry that from each step to the one before; "
                "without it the gradient only ever sees one step back.",
                simple_rnn_backward__did_not_carry_the_state_gradient_back),
        Mistake("recurrent gradient with the new state",
                "Step t multiplies the PREVIOUS state by the recurrent kernel, "
                "z_t = x_t @ kernel + h_{t-1} @ recurrent_kernel + bias, so "
                "drecurrent_kernel sums h_{t-1}.T @ dz_t: that is h[t] in the cache "
                "(h[0] is the initial state), not h[t + 1].",
                simple_rnn_backward__recurrent_gradient_with_the_new_state),
        Mistake("forgot the final state's gradient",
                "douts = (doutputs, dh): dh is the gradient of the final state (when it is "
                "used after the layer), and it adds to the last step's output gradient. "
                "Start the backward walk from it (zeros when it is None).",
                simple_rnn_backward__forgot_the_final_state_s_gradient),
        Mistake("returned dx time-major",
                "The cache holds x time-major, (T, N, D), but dx must have x's own shape, "
                "(N, T, D): transpose it back (or fill dx[:, t]).",
                simple_rnn_backward__returned_dx_time_major),
    ],
    summary="backpropagation through time of a SimpleRNN")
