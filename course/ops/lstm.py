"""Long short-term memory (Keras ``LSTM``) over a whole sequence, forward and backward.

Weights in Keras 3's layout, gates in the order ``i, f, c, o``::

    kernel (D, 4H)   recurrent_kernel (H, 4H)   bias (4H,)
    z = x_t @ kernel + h_{t-1} @ recurrent_kernel + bias,  split into z_i, z_f, z_c, z_o
    i = ra(z_i)   f = ra(z_f)   g = a(z_c)   o = ra(z_o)
    c_t = f * c_{t-1} + i * g          h_t = o * a(c_t)           (output_t = h_t)

with ``a = activation`` (tanh) and ``ra = recurrent_activation`` (sigmoid). The inputs'
part ``x @ kernel`` is one matrix product for all steps; each step adds one product with
the recurrent kernel and runs one fused numba kernel for the gates. The backward
(backpropagation through time) walks the steps in reverse with one kernel and one product
per step, and forms ``dkernel``, ``drecurrent_kernel``, ``dx`` and ``dbias`` as four
products over all steps at once.

The loop over the steps is one numba call (``_forward_rows``, ``_backward_rows``) that
calls numpy's BLAS itself (:mod:`course.ops.blas`) and releases the GIL, so that with two
cores free each core runs it on half of the batch (:mod:`course.ops.batch_parts`); where numba
cannot call this numpy's BLAS, the same kernels run from a Python loop over the steps.
Masks, ``go_backwards`` and dropout masks as in :mod:`course.ops.recurrence`.

:func:`lstm_cell_forward` and :func:`lstm_cell_backward` are one step (Keras's
``LSTMCell``) on their own, on the same two step kernels as the whole sequence.
"""

import numpy as np
from numba import njit

from course.ops.batch_parts import over_batch_parts
from course.ops.blas import address, gemm, gemm_for
from course.ops.recurrence import (activate_columns, activation_code, backward_buffers,
                                   carry_masked, cell_inputs, derivative, dropped_inputs,
                                   from_time_major, gradient_in, initial_states,
                                   input_projections, output_gradient, prepare,
                                   recurrent_gradient, state_buffers, state_gradients,
                                   tanh_form, weight_gradients)
from course.ops.vector_math import tanh


@njit(cache=True, fastmath=True, error_model="numpy", nogil=True)
def _step_forward(z, xw, c_prev, h_prev, out_prev, m, act, ract, form, zero_out, gates, tc, c,
                  h, out):
    """One step: the recurrent part ``z`` (N, 4H), the inputs' part ``xw`` and the previous
    carry, state and output (N, H) -> activated gates (N, 4H), ``a(c_new)`` and the masked
    carry, state, output. Simple loops over 2-D indices, so that each one vectorises; all
    four gates in one loop when ``form`` (:func:`~course.ops.recurrence.tanh_form`) is given."""
    n, units = c.shape
    for b in range(n):
        if form is not None:
            for j in range(4 * units):
                gates[b, j] = tanh((z[b, j] + xw[b, j]) * form[0, j]) * form[1, j] + form[2, j]
        else:
            for j in range(4 * units):
                z[b, j] += xw[b, j]
            activate_columns(ract, z, gates, b, 0, 2 * units)
            activate_columns(act, z, gates, b, 2 * units, 3 * units)
            activate_columns(ract, z, gates, b, 3 * units, 4 * units)
        if m[b] != 0:
            for j in range(units):
                c[b, j] = gates[b, units + j] * c_prev[b, j] + gates[b, j] * gates[b, 2 * units + j]
            activate_columns(act, c, tc, b, 0, units)
            for j in range(units):
                h[b, j] = gates[b, 3 * units + j] * tc[b, j]
                out[b, j] = h[b, j]
        else:
            for j in range(units):
                c[b, j] = c_prev[b, j]
            carry_masked(b, zero_out, h_prev, out_prev, h, out)


@njit(cache=True, fastmath=True, error_model="numpy", nogil=True)
def _step_backward(gates, tc, c_prev, m, act, ract, zero_out, dy, dh_rec, dh, dc, dout, dz):
    """Back through one step. In: this step's output gradient ``dy`` and the next step's
    recurrent product ``dh_rec`` (N, H) (:func:`~course.ops.recurrence.gradient_in`); the
    running ``dh``, ``dc``, ``dout`` (N, H). Out (in place): ``dz`` (N, 4H); ``dh`` and
    ``dout`` hold what passes unchanged to the previous state and output (masked rows),
    ``dc`` the gradient of the previous carry."""
    n, u = dh.shape
    for b in range(n):
        keep = m[b] != 0
        gradient_in(b, keep, zero_out, dy, dh_rec, dh, dout)
        if not keep:
            for j in range(4 * u):
                dz[b, j] = 0.0
            continue
        for j in range(u):
            dc[b, j] += dh[b, j] * gates[b, 3 * u + j] * derivative(act, tc[b, j])
        for j in range(u):
            dz[b, j] = dc[b, j] * gates[b, 2 * u + j] * derivative(ract, gates[b, j])
        for j in range(u):
            dz[b, u + j] = dc[b, j] * c_prev[b, j] * derivative(ract, gates[b, u + j])
        for j in range(u):
            dz[b, 2 * u + j] = dc[b, j] * gates[b, j] * derivative(act, gates[b, 2 * u + j])
        for j in range(u):
            dz[b, 3 * u + j] = dh[b, j] * tc[b, j] * derivative(ract, gates[b, 3 * u + j])
        for j in range(u):
            dc[b, j] *= gates[b, u + j]
            dh[b, j] = 0.0


@njit(cache=True, fastmath=True, error_model="numpy", nogil=True)
def _forward_rows(gemm_fn, one, lo, hi, xw, bias, recurrent_kernel, rmask, m, act, ract,
                  form, zero_out, hs, hd, cs, outs, gates, tc):
    """The forward loop over every step for rows ``lo:hi`` of the batch, in one call: per
    step ``z = bias + hd_t @ recurrent_kernel`` (``hd_t = h_t * rmask``; ``rmask`` empty
    without recurrent dropout) by BLAS, then :func:`_step_forward` with the inputs' part
    ``xw = x @ kernel`` ``(T, N, 4H)``. Arrays as in :func:`lstm_forward` (time-major,
    C-contiguous); writes their rows ``lo:hi``."""
    steps, n, width = xw.shape
    units = width // 4
    rows = hi - lo
    z = np.empty((rows, width), xw.dtype)
    for t in range(steps):
        if rmask.shape[0] > 0:
            for b in range(lo, hi):
                for j in range(units):
                    hd[t, b, j] = hs[t, b, j] * rmask[b, j]
        for b in range(rows):
            for j in range(width):
                z[b, j] = bias[j]
        gemm(gemm_fn, rows, width, units, one, address(hd, (t * n + lo) * units), units,
             recurrent_kernel.ctypes.data, width, one, z.ctypes.data, width)
        _step_forward(z, xw[t, lo:hi], cs[t, lo:hi], hs[t, lo:hi], outs[t, lo:hi], m[t, lo:hi],
                      act, ract, form, zero_out, gates[t, lo:hi], tc[t, lo:hi], cs[t + 1, lo:hi],
                      hs[t + 1, lo:hi], outs[t + 1, lo:hi])


@njit(cache=True, fastmath=True, error_model="numpy", nogil=True)
def _backward_rows(gemm_fn, one, lo, hi, recurrent_t, rmask, gates, tc, cs, m, act, ract,
                   zero_out, dseq, dlast, zeros, dh_rec, dh, dc, dout, dz):
    """The backward loop over every step for rows ``lo:hi``, in one call: per step
    :func:`_step_backward`, then ``dh_rec = (dz_t @ recurrent_kernel.T) * rmask`` by BLAS.
    The output gradient comes from ``dseq`` ``(T, N, H)``, else ``dlast`` ``(N, H)`` at the
    last step, else ``zeros`` (the absent ones empty)."""
    steps = gates.shape[0]
    n, units = dh.shape
    width = 4 * units
    rows = hi - lo
    for t in range(steps - 1, -1, -1):
        if dseq.shape[0] > 0:
            dy = dseq[t, lo:hi]
        elif dlast.shape[0] > 0 and t == steps - 1:
            dy = dlast[lo:hi]
        else:
            dy = zeros[lo:hi]
        _step_backward(gates[t, lo:hi], tc[t, lo:hi], cs[t, lo:hi], m[t, lo:hi], act, ract,
                       zero_out, dy, dh_rec[lo:hi], dh[lo:hi], dc[lo:hi], dout[lo:hi],
                       dz[t, lo:hi])
        gemm(gemm_fn, rows, units, width, one, address(dz, (t * n + lo) * width), width,
             recurrent_t.ctypes.data, units, one - one, address(dh_rec, lo * units), units)
        if rmask.shape[0] > 0:
            for b in range(lo, hi):
                for j in range(units):
                    dh_rec[b, j] *= rmask[b, j]

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
    hs, outs, hd, rmask = state_buffers(steps, h0, recurrent_dropout_mask)
    cs = np.empty_like(hs)
    cs[0] = c0
    gates = np.empty((steps, n, 4 * units), dtype)
    tc = np.empty((steps, n, units), dtype)
    act = activation_code(activation, "activation", fn)
    ract = activation_code(recurrent_activation, "recurrent_activation", fn)
    form = tanh_form((ract, ract, act, ract), units, dtype)
    bias = None if bias is None else np.asarray(bias, dtype)
    gemm_fn = gemm_for(dtype)
    if gemm_fn is None:  # no BLAS numba can call: the steps from Python
        z = np.empty((n, 4 * units), dtype)
        for t, xw in enumerate(input_projections(xd, kernel, bias)):
            if rmask is not None:
                np.multiply(hs[t], rmask, out=hd[t])
            np.matmul(hd[t], recurrent_kernel, out=z)
            _step_forward(z, xw, cs[t], hs[t], outs[t], m[t], act, ract, form,
                          zero_output_for_mask, gates[t], tc[t], cs[t + 1], hs[t + 1],
                          outs[t + 1])
    else:
        xw = (xd.reshape(steps * n, -1) @ kernel).reshape(steps, n, 4 * units)
        bias_row = np.zeros(4 * units, dtype) if bias is None else bias
        recurrent_kernel = np.ascontiguousarray(recurrent_kernel)
        rmask_rows = np.empty((0, units), dtype) if rmask is None else rmask
        over_batch_parts(lambda lo, hi: _forward_rows(
            gemm_fn, dtype.type(1), lo, hi, xw, bias_row, recurrent_kernel, rmask_rows, m, act,
            ract, form, zero_output_for_mask, hs, hd, cs, outs, gates, tc), n)
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
    dseq, (dh, dc), dout, dh_rec, zeros = backward_buffers(douts, steps, n, units, dtype)
    dz = np.empty((steps, n, 4 * units), dtype)
    recurrent_t = np.ascontiguousarray(recurrent_kernel.T)
    gemm_fn = gemm_for(dtype)
    if gemm_fn is None:  # no BLAS numba can call: the steps from Python
        for t in range(steps - 1, -1, -1):
            _step_backward(gates[t], tc[t], cs[t], m[t], act, ract, zero_out,
                           output_gradient(dseq, t, steps, zeros), dh_rec, dh, dc, dout, dz[t])
            recurrent_gradient(dz[t], recurrent_t, rmask, dh_rec)
    else:
        full = dseq is not None and dseq.ndim == 3
        last = dseq is not None and dseq.ndim == 2
        dseq_all = dseq if full else np.empty((0, 0, units), dtype)
        dlast = np.ascontiguousarray(dseq) if last else np.empty((0, units), dtype)
        rmask_rows = np.empty((0, units), dtype) if rmask is None else rmask
        over_batch_parts(lambda lo, hi: _backward_rows(
            gemm_fn, dtype.type(1), lo, hi, recurrent_t, rmask_rows, gates, tc, cs, m, act,
            ract, zero_out, dseq_all, dlast, zeros, dh_rec, dh, dc, dout, dz), n)
    dh += dh_rec
    dx, dkernel, drecurrent, dbias = weight_gradients(dz, xd, hd, kernel, has_bias,
                                                      dropout_mask, go_backwards)
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
    xw = x @ kernel
    if bias is not None:
        if np.shape(bias) != (4 * units,):
            raise ValueError(f"{fn}: expected bias {(4 * units,)}, got {np.shape(bias)}")
        xw += np.asarray(bias, dtype)
    act = activation_code(activation, "activation", fn)
    ract = activation_code(recurrent_activation, "recurrent_activation", fn)
    form = tanh_form((ract, ract, act, ract), units, dtype)
    gates = np.empty((n, 4 * units), dtype)
    tc, c, h, out = (np.empty((n, units), dtype) for _ in range(4))
    _step_forward(h_prev @ recurrent_kernel, xw, c_prev, h_prev, h_prev, np.ones(n, np.uint8),
                  act, ract, form, False, gates, tc, c, h, out)
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
    zeros = np.zeros((n, units), x.dtype)
    _step_backward(gates, tc, c_prev, np.ones(n, np.uint8), act, ract, False, zeros, zeros,
                   dh, dc, zeros.copy(), dz)
    dbias = dz.sum(axis=0) if has_bias else None
    return (dz @ kernel.T, [dz @ recurrent_kernel.T, dc], x.T @ dz, h_prev.T @ dz, dbias)
