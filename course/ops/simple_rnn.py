"""The fully connected recurrence (Keras ``SimpleRNN``) over a whole sequence, forward and
backward::

    kernel (D, H)   recurrent_kernel (H, H)   bias (H,)
    h_t = activation(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias)     (output_t = h_t)

One matrix product projects the inputs of all steps, one per step adds the recurrent part,
and a numba kernel applies the activation and the mask. Masks, ``go_backwards`` and dropout
masks as in :mod:`course.ops.recurrence`.
"""

import numpy as np
from numba import njit

from course.ops.recurrence import (activate_row, activation_code, add_output_gradient,
                                   backward_buffers, derivative, dropped_inputs, from_time_major,
                                   initial_states, input_gradients, input_projection, prepare,
                                   state_buffers, write_masked)


@njit(cache=True, fastmath=True, error_model="numpy")
def _step_forward(z, h_prev, out_prev, m, act, zero_out, y, h, out):
    """``y = activation(z)`` (N, H), then the masked state and output."""
    n, units = z.shape
    for b in range(n):
        activate_row(act, z[b], y[b])
        keep = m[b] != 0
        for j in range(units):
            write_masked(keep, zero_out, y[b, j], b, j, h_prev, out_prev, h, out)


@njit(cache=True, fastmath=True, error_model="numpy")
def _step_backward(y, m, act, zero_out, dh, dout, dz):
    """``dz`` (N, H) from the state and output gradients ``dh``, ``dout``; masked rows keep
    them for the previous step (``dout`` zeroed under ``zero_out``), the others are zeroed."""
    n, units = dh.shape
    for b in range(n):
        keep = m[b] != 0
        for j in range(units):
            if keep:
                dz[b, j] = (dh[b, j] + dout[b, j]) * derivative(act, y[b, j])
                dh[b, j] = 0.0
                dout[b, j] = 0.0
            else:
                dz[b, j] = 0.0
                if zero_out:
                    dout[b, j] = 0.0


def simple_rnn_forward(x: np.ndarray, kernel: np.ndarray, recurrent_kernel: np.ndarray,
                       bias: np.ndarray | None = None, initial_state: list | None = None,
                       mask: np.ndarray | None = None, activation: str = "tanh",
                       go_backwards: bool = False, zero_output_for_mask: bool = False,
                       dropout_mask: np.ndarray | None = None,
                       recurrent_dropout_mask: np.ndarray | None = None) -> tuple:
    """A SimpleRNN over ``x`` ``(N, T, D)``; kernel ``(D, H)``, recurrent_kernel ``(H, H)``,
    bias ``(H,)`` or None; ``initial_state`` None or ``[h0]`` ``(N, H)``; the other
    arguments as in :func:`course.ops.lstm.lstm_forward`.

    Returns ``(outputs (N, T, H), h (N, H))`` and the cache.
    """
    fn = "simple_rnn_forward"
    xt, m, kernel, recurrent_kernel, units = prepare(x, kernel, recurrent_kernel, 1, mask,
                                                     go_backwards, fn)
    dtype = xt.dtype
    steps, n, _ = xt.shape
    (h0,) = initial_states(initial_state, 1, n, units, dtype, fn)
    xd = dropped_inputs(xt, dropout_mask)
    xw = input_projection(xd, kernel, None if bias is None else np.asarray(bias, dtype))
    hs, outs, hd, rmask = state_buffers(steps, h0, recurrent_dropout_mask)
    y = np.empty((steps, n, units), dtype)
    act = activation_code(activation, "activation", fn)
    z = np.empty((n, units), dtype)
    for t in range(steps):
        if rmask is not None:
            np.multiply(hs[t], rmask, out=hd[t])
        np.matmul(hd[t], recurrent_kernel, out=z)
        z += xw[t]
        _step_forward(z, hs[t], outs[t], m[t], act, zero_output_for_mask, y[t], hs[t + 1],
                      outs[t + 1])
    cache = (xd, m, kernel, recurrent_kernel, bias is not None, hd, y, act,
             zero_output_for_mask, go_backwards, dropout_mask, rmask)
    return (from_time_major(outs[1:]), hs[-1].copy()), cache


def simple_rnn_backward(douts: tuple, cache: tuple) -> tuple:
    """``douts = (doutputs, dh)`` as in :func:`course.ops.lstm.lstm_backward`.

    Returns ``(dx (N, T, D), [dh0], dkernel, drecurrent_kernel, dbias)``.
    """
    (xd, m, kernel, recurrent_kernel, has_bias, hd, y, act, zero_out, go_backwards,
     dropout_mask, rmask) = cache
    steps, n, d = xd.shape
    units = recurrent_kernel.shape[0]
    dtype = xd.dtype
    dseq, (dh,), dout = backward_buffers(douts, steps, n, units, dtype)
    dz = np.empty((steps, n, units), dtype)
    recurrent_t = np.ascontiguousarray(recurrent_kernel.T)
    dh_rec = np.empty((n, units), dtype)
    for t in range(steps - 1, -1, -1):
        add_output_gradient(dout, dseq, t, steps)
        _step_backward(y[t], m[t], act, zero_out, dh, dout, dz[t])
        np.matmul(dz[t], recurrent_t, out=dh_rec)
        if rmask is not None:
            dh_rec *= rmask
        dh += dh_rec
    dx, dkernel = input_gradients(dz, xd, kernel, dropout_mask, go_backwards)
    dz2 = dz.reshape(steps * n, units)
    drecurrent = hd[:-1].reshape(steps * n, units).T @ dz2
    dbias = dz2.sum(axis=0) if has_bias else None
    return dx, [dh], dkernel, drecurrent, dbias
