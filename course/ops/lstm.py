"""Long short-term memory (Keras ``LSTM``) over a whole sequence, forward and backward.

Weights in Keras 3's layout, gates in the order ``i, f, c, o``::

    kernel (D, 4H)   recurrent_kernel (H, 4H)   bias (4H,)
    z = x_t @ kernel + h_{t-1} @ recurrent_kernel + bias,  split into z_i, z_f, z_c, z_o
    i = ra(z_i)   f = ra(z_f)   g = a(z_c)   o = ra(z_o)
    c_t = f * c_{t-1} + i * g          h_t = o * a(c_t)           (output_t = h_t)

with ``a = activation`` (tanh) and ``ra = recurrent_activation`` (sigmoid). The inputs'
part ``x @ kernel + bias`` is one matrix product for all steps; each step adds one product
with the recurrent kernel and runs one fused numba kernel for the gates. The backward
(backpropagation through time) walks the steps in reverse with one product per step, and
forms ``dkernel``, ``drecurrent_kernel``, ``dx`` as three products over all steps at once.
Masks, ``go_backwards`` and dropout masks as in :mod:`course.ops.recurrence`.

:func:`lstm_cell_forward` and :func:`lstm_cell_backward` are one step (Keras's
``LSTMCell``) on their own, on the same two step kernels as the whole sequence.
"""

import numpy as np
from numba import njit

from course.ops.recurrence import (activate_row, activation_code, add_output_gradient,
                                   backward_buffers, cell_inputs, derivative, dropped_inputs,
                                   from_time_major, initial_states, input_gradients,
                                   input_projection, prepare, state_buffers, state_gradients)


@njit(cache=True, fastmath=True, error_model="numpy")
def _step_forward(z, c_prev, h_prev, out_prev, m, act, ract, zero_out,
                  gates, tc, c, h, out):
    """One step: pre-activations ``z`` (N, 4H) and the previous carry, state and output
    (N, H) -> activated gates (N, 4H), ``a(c_new)`` and the masked carry, state, output."""
    n, units = c.shape
    for b in range(n):
        g_row, z_row = gates[b], z[b]
        activate_row(ract, z_row[:2 * units], g_row[:2 * units])
        activate_row(act, z_row[2 * units:3 * units], g_row[2 * units:3 * units])
        activate_row(ract, z_row[3 * units:], g_row[3 * units:])
        for j in range(units):
            c[b, j] = g_row[units + j] * c_prev[b, j] + g_row[j] * g_row[2 * units + j]
        activate_row(act, c[b], tc[b])
        if m[b] != 0:
            for j in range(units):
                h[b, j] = g_row[3 * units + j] * tc[b, j]
                out[b, j] = h[b, j]
        else:
            for j in range(units):
                c[b, j] = c_prev[b, j]
                h[b, j] = h_prev[b, j]
                out[b, j] = 0.0 if zero_out else out_prev[b, j]


@njit(cache=True, fastmath=True, error_model="numpy")
def _step_backward(gates, tc, c_prev, m, act, ract, zero_out, dh, dc, dout, dz):
    """Back through one step. In: ``dh``, ``dc``, ``dout`` (N, H), the gradients of this
    step's state, carry and output. Out (in place): ``dz`` (N, 4H); ``dh`` and ``dout`` hold
    what passes unchanged to the previous state and output (masked rows), ``dc`` the
    gradient of the previous carry."""
    n, units = dh.shape
    for b in range(n):
        keep = m[b] != 0
        for j in range(units):
            if keep:
                dh_new = dh[b, j] + dout[b, j]
                i = gates[b, j]
                f = gates[b, units + j]
                g = gates[b, 2 * units + j]
                o = gates[b, 3 * units + j]
                a_c = tc[b, j]
                dc_new = dc[b, j] + dh_new * o * derivative(act, a_c)
                dz[b, j] = dc_new * g * derivative(ract, i)
                dz[b, units + j] = dc_new * c_prev[b, j] * derivative(ract, f)
                dz[b, 2 * units + j] = dc_new * i * derivative(act, g)
                dz[b, 3 * units + j] = dh_new * a_c * derivative(ract, o)
                dc[b, j] = dc_new * f
                dh[b, j] = 0.0
                dout[b, j] = 0.0
            else:
                for k in range(4):
                    dz[b, k * units + j] = 0.0
                if zero_out:
                    dout[b, j] = 0.0


def lstm_forward(x: np.ndarray, kernel: np.ndarray, recurrent_kernel: np.ndarray,
                 bias: np.ndarray | None = None, initial_state: list | None = None,
                 mask: np.ndarray | None = None, activation: str = "tanh",
                 recurrent_activation: str = "sigmoid", go_backwards: bool = False,
                 zero_output_for_mask: bool = False, dropout_mask: np.ndarray | None = None,
                 recurrent_dropout_mask: np.ndarray | None = None) -> tuple:
    """An LSTM over the sequence ``x``.

    Args:
        x: ``(N, T, D)``.
        kernel ``(D, 4H)``, recurrent_kernel ``(H, 4H)``, bias ``(4H,)`` or None.
        initial_state: None (zeros) or ``[h0, c0]``, each ``(N, H)``.
        mask: None or ``(N, T)`` booleans, False at the steps to skip.
        activation, recurrent_activation: names (``tanh``, ``sigmoid``, ``relu``,
            ``hard_sigmoid``, ``linear``).
        go_backwards, zero_output_for_mask: see :mod:`course.ops.recurrence`.
        dropout_mask ``(N, D)``, recurrent_dropout_mask ``(N, H)``: training's masks or None.

    Returns:
        ``(outputs (N, T, H), h (N, H), c (N, H))`` (outputs in processing order), and the
        cache for :func:`lstm_backward`.
    """
    fn = "lstm_forward"
    xt, m, kernel, recurrent_kernel, units = prepare(x, kernel, recurrent_kernel, 4, mask,
                                                     go_backwards, fn)
    dtype = xt.dtype
    steps, n, _ = xt.shape
    h0, c0 = initial_states(initial_state, 2, n, units, dtype, fn)
    xd = dropped_inputs(xt, dropout_mask)
    xw = input_projection(xd, kernel, None if bias is None else np.asarray(bias, dtype))
    hs, outs, hd, rmask = state_buffers(steps, h0, recurrent_dropout_mask)
    cs = np.empty_like(hs)
    cs[0] = c0
    gates = np.empty((steps, n, 4 * units), dtype)
    tc = np.empty((steps, n, units), dtype)
    act = activation_code(activation, "activation", fn)
    ract = activation_code(recurrent_activation, "recurrent_activation", fn)
    z = np.empty((n, 4 * units), dtype)
    for t in range(steps):
        if rmask is not None:
            np.multiply(hs[t], rmask, out=hd[t])
        np.matmul(hd[t], recurrent_kernel, out=z)
        z += xw[t]
        _step_forward(z, cs[t], hs[t], outs[t], m[t], act, ract, zero_output_for_mask,
                      gates[t], tc[t], cs[t + 1], hs[t + 1], outs[t + 1])
    cache = (xd, m, kernel, recurrent_kernel, bias is not None, hs, cs, hd, gates, tc, act,
             ract, zero_output_for_mask, go_backwards, dropout_mask, rmask)
    return (from_time_major(outs[1:]), hs[-1].copy(), cs[-1].copy()), cache


def lstm_backward(douts: tuple, cache: tuple) -> tuple:
    """Backpropagation through time.

    Args:
        douts: ``(doutputs, dh, dc)``: the gradient of the outputs, ``(N, T, H)``, or of the
            last output alone, ``(N, H)``; of the final state and carry ``(N, H)``; any may
            be None (no gradient).

    Returns:
        ``(dx (N, T, D), [dh0, dc0], dkernel, drecurrent_kernel, dbias)`` (dbias None
        without bias).
    """
    (xd, m, kernel, recurrent_kernel, has_bias, hs, cs, hd, gates, tc, act, ract, zero_out,
     go_backwards, dropout_mask, rmask) = cache
    steps, n, d = xd.shape
    units = recurrent_kernel.shape[0]
    dtype = xd.dtype
    dseq, (dh, dc), dout = backward_buffers(douts, steps, n, units, dtype)
    dz = np.empty((steps, n, 4 * units), dtype)
    recurrent_t = np.ascontiguousarray(recurrent_kernel.T)
    dh_rec = np.empty((n, units), dtype)
    for t in range(steps - 1, -1, -1):
        add_output_gradient(dout, dseq, t, steps)
        _step_backward(gates[t], tc[t], cs[t], m[t], act, ract, zero_out, dh, dc, dout, dz[t])
        np.matmul(dz[t], recurrent_t, out=dh_rec)
        if rmask is not None:
            dh_rec *= rmask
        dh += dh_rec
    dx, dkernel = input_gradients(dz, xd, kernel, dropout_mask, go_backwards)
    dz2 = dz.reshape(steps * n, 4 * units)
    drecurrent = hd[:-1].reshape(steps * n, units).T @ dz2
    dbias = dz2.sum(axis=0) if has_bias else None
    return dx, [dh, dc], dkernel, drecurrent, dbias


def lstm_cell_forward(x: np.ndarray, h_prev: np.ndarray, c_prev: np.ndarray, kernel: np.ndarray,
                      recurrent_kernel: np.ndarray, bias: np.ndarray | None = None,
                      activation: str = "tanh", recurrent_activation: str = "sigmoid") -> tuple:
    """One LSTM step (Keras ``LSTMCell``), the formulas of the module's docstring.

    Args:
        x: ``(N, D)``; h_prev, c_prev: the previous state and carry ``(N, H)``.
        kernel ``(D, 4H)``, recurrent_kernel ``(H, 4H)``, bias ``(4H,)`` or None; gates in
            the order ``i, f, c, o``.
        activation, recurrent_activation: as in :func:`lstm_forward`.

    Returns:
        ``(h, c)``, each ``(N, H)``, and the cache ``(x, h_prev, c_prev, kernel,
        recurrent_kernel, gates, tanh_c, has_bias, act, ract)``: ``gates`` ``(N, 4H)`` the
        activated ``i, f, g, o``, ``tanh_c`` ``(N, H)`` the activation of the new carry.
    """
    fn = "lstm_cell_forward"
    x, (h_prev, c_prev), kernel, recurrent_kernel, units = cell_inputs(
        x, {"h_prev": h_prev, "c_prev": c_prev}, kernel, recurrent_kernel, 4, fn)
    n, dtype = x.shape[0], x.dtype
    z = x @ kernel + h_prev @ recurrent_kernel
    if bias is not None:
        if np.shape(bias) != (4 * units,):
            raise ValueError(f"{fn}: expected bias {(4 * units,)}, got {np.shape(bias)}")
        z += np.asarray(bias, dtype)
    act = activation_code(activation, "activation", fn)
    ract = activation_code(recurrent_activation, "recurrent_activation", fn)
    gates = np.empty((n, 4 * units), dtype)
    tc, c, h, out = (np.empty((n, units), dtype) for _ in range(4))
    _step_forward(z, c_prev, h_prev, h_prev, np.ones(n, np.uint8), act, ract, False, gates, tc,
                  c, h, out)
    cache = (x, h_prev, c_prev, kernel, recurrent_kernel, gates, tc, bias is not None, act, ract)
    return (h, c), cache


def lstm_cell_backward(douts: tuple, cache: tuple) -> tuple:
    """Back through one step.

    Args:
        douts: ``(dh, dc)``, the gradients of the new state and carry ``(N, H)`` (None for
            no gradient).
        cache: from :func:`lstm_cell_forward`.

    Returns:
        ``(dx (N, D), [dh_prev, dc_prev], dkernel (D, 4H), drecurrent_kernel (H, 4H),
        dbias (4H,))`` (dbias None without bias).
    """
    x, h_prev, c_prev, kernel, recurrent_kernel, gates, tc, has_bias, act, ract = cache
    n, units = h_prev.shape
    if not isinstance(douts, (tuple, list)) or len(douts) != 2:
        raise ValueError("lstm_cell_backward: douts must be the pair (dh, dc) of the "
                         "gradients of the new state and carry")
    dh, dc = state_gradients(douts, n, units, x.dtype, "lstm_cell_backward")
    dz = np.empty((n, 4 * units), x.dtype)
    _step_backward(gates, tc, c_prev, np.ones(n, np.uint8), act, ract, False, dh, dc,
                   np.zeros((n, units), x.dtype), dz)
    dbias = dz.sum(axis=0) if has_bias else None
    return (dz @ kernel.T, [dz @ recurrent_kernel.T, dc], x.T @ dz, h_prev.T @ dz, dbias)
