"""The gated recurrent unit (Keras ``GRU``) over a whole sequence, forward and backward.

Weights in Keras 3's layout, gates in the order ``z`` (update), ``r`` (reset), ``h``
(candidate): kernel ``(D, 3H)``, recurrent_kernel ``(H, 3H)``. With ``reset_after=True``
(Keras's default) the bias is ``(2, 3H)``: a row for the inputs and one for the recurrent
product, and the reset gate multiplies the recurrent product::

    x_z, x_r, x_h = x_t @ kernel + bias[0]        u_z, u_r, u_h = h_{t-1} @ U + bias[1]
    z = ra(x_z + u_z)   r = ra(x_r + u_r)   hh = a(x_h + r * u_h)
    h_t = z * h_{t-1} + (1 - z) * hh                                 (output_t = h_t)

With ``reset_after=False`` the bias is ``(3H,)``, added to the inputs' part, and the reset
gate multiplies the state before its product: ``hh = a(x_h + (r * h_{t-1}) @ U[:, 2H:])``.
Masks, ``go_backwards`` and dropout masks as in :mod:`course.ops.recurrence`.

:func:`gru_cell_forward` and :func:`gru_cell_backward` are one step (Keras's ``GRUCell``):
the sequence of one step, from the state ``h_prev``.
"""

import numpy as np
from numba import njit

from course.ops.recurrence import (activate, activation_code, add_output_gradient,
                                   backward_buffers, cell_inputs, derivative, dropped_inputs,
                                   from_time_major, initial_states, input_gradients,
                                   input_projection, prepare, state_buffers, write_masked)


@njit(cache=True, fastmath=True, error_model="numpy")
def _step_forward(xw, u, h_prev, out_prev, m, act, ract, zero_out, reset_after,
                  gates, h, out):
    """Gates ``z, r, hh`` (N, 3H) and the masked state and output (N, H), from the inputs'
    part ``xw`` (N, 3H) and the recurrent part ``u``: ``(N, 3H)`` with ``reset_after``, else
    ``(N, H)`` holding ``(r * h_prev) @ U_h`` (``z, r`` then already in ``gates``)."""
    n, units = h.shape
    for b in range(n):
        keep = m[b] != 0
        for j in range(units):
            if reset_after:
                z = activate(ract, xw[b, j] + u[b, j])
                r = activate(ract, xw[b, units + j] + u[b, units + j])
                hh = activate(act, xw[b, 2 * units + j] + r * u[b, 2 * units + j])
                gates[b, j] = z
                gates[b, units + j] = r
            else:
                z = gates[b, j]
                hh = activate(act, xw[b, 2 * units + j] + u[b, j])
            gates[b, 2 * units + j] = hh
            write_masked(keep, zero_out, z * h_prev[b, j] + (1.0 - z) * hh, b, j, h_prev,
                         out_prev, h, out)


@njit(cache=True, fastmath=True, error_model="numpy")
def _step_backward(gates, u_h, h_prev, m, act, ract, zero_out, reset_after, dh, dout,
                   dzx, dzh):
    """Back through the gates. ``dzx`` (N, 3H) receives the gradient of the inputs' part;
    with ``reset_after`` ``dzh`` (N, 3H) that of the recurrent part and ``u_h`` (N, H) is
    ``u``'s candidate third, otherwise ``dzx[:, 2H:]`` alone is final here and the reset
    gate's part is left to :func:`_reset_backward`. ``dh`` becomes the direct gradient of
    the previous state (``z * dh_new``, or all of it on masked rows)."""
    n, units = dh.shape
    for b in range(n):
        keep = m[b] != 0
        for j in range(units):
            if not keep:
                for k in range(3):
                    dzx[b, k * units + j] = 0.0
                    if reset_after:
                        dzh[b, k * units + j] = 0.0
                if zero_out:
                    dout[b, j] = 0.0
                continue
            dh_new = dh[b, j] + dout[b, j]
            z = gates[b, j]
            r = gates[b, units + j]
            hh = gates[b, 2 * units + j]
            dz = dh_new * (h_prev[b, j] - hh) * derivative(ract, z)
            da = dh_new * (1.0 - z) * derivative(act, hh)
            dzx[b, j] = dz
            dzx[b, 2 * units + j] = da
            if reset_after:
                dr = da * u_h[b, j] * derivative(ract, r)
                dzx[b, units + j] = dr
                dzh[b, j] = dz
                dzh[b, units + j] = dr
                dzh[b, 2 * units + j] = da * r
            dh[b, j] = dh_new * z
            dout[b, j] = 0.0


@njit(cache=True, fastmath=True, error_model="numpy")
def _reset_backward(drh, hd, gates, m, ract, dzx, dh_extra):
    """``reset_after=False``: from ``d(r * h)`` (N, H), the reset gate's gradient into
    ``dzx[:, H:2H]`` and the part of the (dropped-out) state's gradient in ``dh_extra``."""
    n, units = drh.shape
    for b in range(n):
        for j in range(units):
            if m[b] != 0:
                r = gates[b, units + j]
                dzx[b, units + j] = drh[b, j] * hd[b, j] * derivative(ract, r)
                dh_extra[b, j] = drh[b, j] * r
            else:
                dzx[b, units + j] = 0.0
                dh_extra[b, j] = 0.0


def _check_bias(bias, units, reset_after, fn):
    bias_shape = (2, 3 * units) if reset_after else (3 * units,)
    if bias is not None and np.shape(bias) != bias_shape:
        raise ValueError(f"{fn}: expected bias {bias_shape} (reset_after={reset_after}), got "
                         f"{np.shape(bias)}")


def gru_forward(x: np.ndarray, kernel: np.ndarray, recurrent_kernel: np.ndarray,
                bias: np.ndarray | None = None, initial_state: list | None = None,
                mask: np.ndarray | None = None, activation: str = "tanh",
                recurrent_activation: str = "sigmoid", reset_after: bool = True,
                go_backwards: bool = False, zero_output_for_mask: bool = False,
                dropout_mask: np.ndarray | None = None,
                recurrent_dropout_mask: np.ndarray | None = None) -> tuple:
    """A GRU over ``x`` ``(N, T, D)``; weights as above; ``initial_state`` None or ``[h0]``
    ``(N, H)``; the other arguments as in :func:`course.ops.lstm.lstm_forward`.

    Returns ``(outputs (N, T, H), h (N, H))`` and the cache.
    """
    fn = "gru_forward"
    xt, m, kernel, recurrent_kernel, units = prepare(x, kernel, recurrent_kernel, 3, mask,
                                                     go_backwards, fn)
    _check_bias(bias, units, reset_after, fn)
    dtype = xt.dtype
    steps, n, _ = xt.shape
    bias = None if bias is None else np.asarray(bias, dtype)
    (h0,) = initial_states(initial_state, 1, n, units, dtype, fn)
    xd = dropped_inputs(xt, dropout_mask)
    xw = input_projection(xd, kernel, None if bias is None else
                          (bias[0] if reset_after else bias))
    hs, outs, hd, rmask = state_buffers(steps, h0, recurrent_dropout_mask)
    gates = np.empty((steps, n, 3 * units), dtype)
    u_h = np.empty((steps, n, units), dtype)  # the candidate's recurrent input, per step
    rh = None if reset_after else np.empty((steps, n, units), dtype)
    act = activation_code(activation, "activation", fn)
    ract = activation_code(recurrent_activation, "recurrent_activation", fn)
    for t in range(steps):
        if rmask is not None:
            np.multiply(hs[t], rmask, out=hd[t])
        if reset_after:
            u = hd[t] @ recurrent_kernel
            if bias is not None:
                u += bias[1]
            u_h[t] = u[:, 2 * units:]
        else:
            zr = xw[t, :, :2 * units] + hd[t] @ recurrent_kernel[:, :2 * units]
            gates[t, :, :2 * units] = _recurrent_activation(zr, recurrent_activation)
            np.multiply(gates[t, :, units:2 * units], hd[t], out=rh[t])
            u = u_h[t] = rh[t] @ recurrent_kernel[:, 2 * units:]
        _step_forward(xw[t], u, hs[t], outs[t], m[t], act, ract, zero_output_for_mask,
                      reset_after, gates[t], hs[t + 1], outs[t + 1])
    cache = (xd, m, kernel, recurrent_kernel, bias is not None, reset_after, hs, hd, gates,
             u_h, rh, act, ract, zero_output_for_mask, go_backwards, dropout_mask, rmask)
    return (from_time_major(outs[1:]), hs[-1].copy()), cache


def _recurrent_activation(x, name):
    """``ra(x)`` on an array, with the kernels' own scalar definition."""
    return _activate_array(x, activation_code(name, "recurrent_activation", "gru_forward"))


@njit(cache=True, fastmath=True, error_model="numpy")
def _activate_array(x, code):
    out = np.empty_like(x)
    for b in range(x.shape[0]):
        for j in range(x.shape[1]):
            out[b, j] = activate(code, x[b, j])
    return out


def gru_backward(douts: tuple, cache: tuple) -> tuple:
    """``douts = (doutputs, dh)`` as in :func:`course.ops.lstm.lstm_backward`.

    Returns ``(dx (N, T, D), [dh0], dkernel, drecurrent_kernel, dbias)``; ``dbias`` has the
    bias's shape, ``(2, 3H)`` or ``(3H,)`` (None without bias).
    """
    (xd, m, kernel, recurrent_kernel, has_bias, reset_after, hs, hd, gates, u_h, rh, act,
     ract, zero_out, go_backwards, dropout_mask, rmask) = cache
    steps, n, _ = xd.shape
    units = recurrent_kernel.shape[0]
    dtype = xd.dtype
    dseq, (dh,), dout = backward_buffers(douts, steps, n, units, dtype)
    dzx = np.empty((steps, n, 3 * units), dtype)
    dzh = np.empty((steps, n, 3 * units), dtype) if reset_after else dzx
    u_t = np.ascontiguousarray(recurrent_kernel.T)
    extra = np.empty((n, units), dtype)
    for t in range(steps - 1, -1, -1):
        add_output_gradient(dout, dseq, t, steps)
        _step_backward(gates[t], u_h[t], hs[t], m[t], act, ract, zero_out, reset_after, dh,
                       dout, dzx[t], dzh[t])
        if reset_after:
            dh_rec = dzh[t] @ u_t
        else:
            drh = dzx[t, :, 2 * units:] @ u_t[2 * units:]
            _reset_backward(drh, hd[t], gates[t], m[t], ract, dzx[t], extra)
            dh_rec = dzx[t, :, :2 * units] @ u_t[:2 * units] + extra
        if rmask is not None:
            dh_rec *= rmask
        dh += dh_rec
    dx, dkernel = input_gradients(dzx, xd, kernel, dropout_mask, go_backwards)
    h_prev = hd[:-1].reshape(steps * n, units)
    if reset_after:
        drecurrent = h_prev.T @ dzh.reshape(steps * n, 3 * units)
    else:
        dzx2 = dzx.reshape(steps * n, 3 * units)
        drecurrent = np.concatenate([h_prev.T @ dzx2[:, :2 * units],
                                     rh.reshape(steps * n, units).T @ dzx2[:, 2 * units:]],
                                    axis=1)
    dbias = None
    if has_bias:
        dbias = dzx.sum(axis=(0, 1))
        if reset_after:
            dbias = np.stack([dbias, dzh.sum(axis=(0, 1))])
    return dx, [dh], dkernel, drecurrent, dbias


def gru_cell_forward(x: np.ndarray, h_prev: np.ndarray, kernel: np.ndarray,
                     recurrent_kernel: np.ndarray, bias: np.ndarray | None = None,
                     activation: str = "tanh", recurrent_activation: str = "sigmoid",
                     reset_after: bool = True) -> tuple:
    """One GRU step (Keras ``GRUCell``), the formulas of the module's docstring.

    Args:
        x: ``(N, D)``; h_prev: the previous state ``(N, H)``.
        kernel ``(D, 3H)``, recurrent_kernel ``(H, 3H)``, gates in the order ``z, r, h``;
            bias ``(2, 3H)`` with ``reset_after`` (Keras's default), else ``(3H,)``; or None.
        activation, recurrent_activation: as in :func:`gru_forward`.

    Returns:
        ``h`` ``(N, H)`` and the cache for :func:`gru_cell_backward`.
    """
    fn = "gru_cell_forward"
    x, (h_prev,), kernel, recurrent_kernel, units = cell_inputs(
        x, {"h_prev": h_prev}, kernel, recurrent_kernel, 3, fn)
    _check_bias(bias, units, reset_after, fn)
    (_, h), cache = gru_forward(x[:, None], kernel, recurrent_kernel, bias,
                                initial_state=[h_prev], activation=activation,
                                recurrent_activation=recurrent_activation,
                                reset_after=reset_after)
    return h, cache


def gru_cell_backward(dh: np.ndarray, cache: tuple) -> tuple:
    """Back through one step, from ``dh`` ``(N, H)``, the gradient of the new state.

    Returns ``(dx (N, D), [dh_prev], dkernel (D, 3H), drecurrent_kernel (H, 3H), dbias)``;
    ``dbias`` has the bias's shape (None without bias).
    """
    dx, dstates, dkernel, drecurrent, dbias = gru_backward((None, dh), cache)
    return dx[:, 0], dstates, dkernel, drecurrent, dbias
