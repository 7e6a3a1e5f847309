"""The fully connected recurrence (Keras ``SimpleRNN``) over a whole sequence, forward and
backward::

    kernel (D, H)   recurrent_kernel (H, H)   bias (H,)
    h_t = activation(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias)     (output_t = h_t)

One matrix product projects the inputs of several steps, one per step adds the recurrent part,
and a numba kernel applies the activation and the mask. Masks, ``go_backwards`` and dropout
masks as in :mod:`course.ops.recurrence`.
"""

import numpy as np
from numba import njit

from course.ops.recurrence import (activate_columns, activation_code, backward_buffers,
                                   carry_masked, derivative, dropped_inputs, from_time_major,
                                   gradient_in, initial_states, input_projections,
                                   output_gradient, prepare, recurrent_gradient, state_buffers,
                                   weight_gradients)


@njit(cache=True, fastmath=True, error_model="numpy")
def _step_forward(z, xw, h_prev, out_prev, m, act, zero_out, y, h, out):
    """``y = activation(z + xw)`` (N, H) from the recurrent part ``z`` and the inputs' part
    ``xw``, then the masked state and output."""
    n, units = z.shape
    for b in range(n):
        for j in range(units):
            z[b, j] += xw[b, j]
        activate_columns(act, z, y, b, 0, units)
        if m[b] == 0:
            carry_masked(b, zero_out, h_prev, out_prev, h, out)
            continue
        for j in range(units):
            h[b, j] = y[b, j]
            out[b, j] = y[b, j]


@njit(cache=True, fastmath=True, error_model="numpy")
def _step_backward(y, m, act, zero_out, dy, dh_rec, dh, dout, dz):
    """``dz`` (N, H) from the gradients arriving at the step
    (:func:`~course.ops.recurrence.gradient_in`); masked rows keep them for the previous
    step, the others are zeroed."""
    n, units = dh.shape
    for b in range(n):
        keep = m[b] != 0
        gradient_in(b, keep, zero_out, dy, dh_rec, dh, dout)
        if keep:
            for j in range(units):
                dz[b, j] = dh[b, j] * derivative(act, y[b, j])
                dh[b, j] = 0.0
        else:
            for j in range(units):
                dz[b, j] = 0.0


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
    hs, outs, hd, rmask = state_buffers(steps, h0, recurrent_dropout_mask)
    y = np.empty((steps, n, units), dtype)
    act = activation_code(activation, "activation", fn)
    z = np.empty((n, units), dtype)
    xws = input_projections(xd, kernel, None if bias is None else np.asarray(bias, dtype))
    for t, xw in enumerate(xws):
        if rmask is not None:
            np.multiply(hs[t], rmask, out=hd[t])
        np.matmul(hd[t], recurrent_kernel, out=z)
        _step_forward(z, xw, hs[t], outs[t], m[t], act, zero_output_for_mask, y[t], hs[t + 1],
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
    dseq, (dh,), dout, dh_rec, zeros = backward_buffers(douts, steps, n, units, dtype)
    dz = np.empty((steps, n, units), dtype)
    recurrent_t = np.ascontiguousarray(recurrent_kernel.T)
    for t in range(steps - 1, -1, -1):
        _step_backward(y[t], m[t], act, zero_out, output_gradient(dseq, t, steps, zeros),
                       dh_rec, dh, dout, dz[t])
        recurrent_gradient(dz[t], recurrent_t, rmask, dh_rec)
    dh += dh_rec
    dx, dkernel, drecurrent, dbias = weight_gradients(dz, xd, hd, kernel, has_bias,
                                                      dropout_mask, go_backwards)
    return dx, [dh], dkernel, drecurrent, dbias
