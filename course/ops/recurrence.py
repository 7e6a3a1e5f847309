"""What the recurrent layers (SimpleRNN, LSTM, GRU) share: activations inside numba step
kernels, the time-major layout of a sequence, masks, ``go_backwards`` and dropout masks.

Every recurrence in ``course.ops`` runs over a whole sequence with Keras's semantics
(``keras.src.backend.tensorflow.rnn``):

- the input ``x`` ``(N, T, D)`` is turned time-major, ``(T, N, D)``, so that one step's
  slice is contiguous; ``go_backwards=True`` reverses it (and the mask) first, and the
  outputs come back in the order they were computed (reversed), as Keras returns them;
- the input projection ``x @ kernel + bias`` of all steps is one matrix product;
- at a masked step (``mask[n, t]`` False) the states keep their previous value and the
  output repeats the previous output (zeros before the first one), or is zero with
  ``zero_output_for_mask=True`` (what ``Bidirectional`` asks for when returning sequences);
- dropout masks are drawn once per sequence and reused at every step (Keras's
  ``DropoutRNNCell``): ``dropout_mask`` ``(N, D)`` multiplies the inputs,
  ``recurrent_dropout_mask`` ``(N, H)`` the previous state in the recurrent product.

Activations inside the kernels are named by code (:data:`ACTIVATION_CODES`); each one's
derivative is computed from its output ``y``, which the forward keeps.
"""

import numpy as np
from numba import njit
from numpy.typing import DTypeLike

from course.ops.dtypes import as_float_c, float_dtype
from course.ops.vector_math import sigmoid, tanh

ACTIVATION_CODES = {"linear": 0, "tanh": 1, "sigmoid": 2, "relu": 3, "hard_sigmoid": 4}


def activation_code(name: str, argument: str, fn: str) -> int:
    """The kernel code of activation ``name`` (a Keras name or an activation function)."""
    key = name if isinstance(name, str) or name is None else getattr(name, "__name__", name)
    key = "linear" if key is None else key
    if key not in ACTIVATION_CODES:
        raise ValueError(f"{fn}: {argument} must be one of {', '.join(ACTIVATION_CODES)}, "
                         f"got {name!r}")
    return ACTIVATION_CODES[key]


@njit(cache=True, fastmath=True, error_model="numpy", inline="always")
def activate(code, x):
    """``activation(x)`` for one number."""
    if code == 1:
        return tanh(x)
    if code == 2:
        return sigmoid(x)
    if code == 3:
        return max(x, x * 0)
    if code == 4:
        return min(max(x / 6.0 + 0.5, 0.0), 1.0)
    return x


@njit(cache=True, fastmath=True, error_model="numpy")
def activate_row(code, z, out):
    """``out[:] = activation(z)`` for a row, one loop per activation (so that it vectorizes)."""
    if code == 1:
        for j in range(z.shape[0]):
            out[j] = tanh(z[j])
    elif code == 2:
        for j in range(z.shape[0]):
            out[j] = sigmoid(z[j])
    else:
        for j in range(z.shape[0]):
            out[j] = activate(code, z[j])


@njit(cache=True, fastmath=True, error_model="numpy", inline="always")
def derivative(code, y):
    """``activation'(x)`` written with the output ``y = activation(x)``."""
    if code == 1:
        return 1.0 - y * y
    if code == 2:
        return y * (1.0 - y)
    if code == 3:
        return 1.0 if y > 0.0 else 0.0
    if code == 4:
        return 1.0 / 6.0 if 0.0 < y < 1.0 else 0.0
    return 1.0


def time_major(x: np.ndarray, mask: np.ndarray | None, go_backwards: bool, fn: str) -> tuple:
    """``x`` ``(N, T, D)`` -> float ``(T, N, D)`` C-contiguous, and the mask as ``(T, N)``
    uint8 (all ones when ``mask`` is None), both reversed in time for ``go_backwards``."""
    x = np.asarray(x)
    if x.ndim != 3 or 0 in x.shape:
        raise ValueError(f"{fn}: expected x of shape (batch, timesteps, features), "
                         f"got shape {x.shape}")
    n, t, _ = x.shape
    xt = x.transpose(1, 0, 2)
    if mask is None:
        m = np.ones((t, n), np.uint8)
    else:
        mask = np.asarray(mask)
        if mask.shape != (n, t):
            raise ValueError(f"{fn}: mask must have shape (batch, timesteps) = {(n, t)}, "
                             f"got {mask.shape}")
        m = mask.T.astype(np.uint8)
    if go_backwards:
        xt, m = xt[::-1], m[::-1]
    return as_float_c(xt, float_dtype(x)), np.ascontiguousarray(m)


def from_time_major(a_t: np.ndarray, go_backwards_input: bool = False) -> np.ndarray:
    """``(T, N, ...)`` -> ``(N, T, ...)``; ``go_backwards_input`` un-reverses time (for dx)."""
    if go_backwards_input:
        a_t = a_t[::-1]
    return np.ascontiguousarray(a_t.swapaxes(0, 1))


def initial_states(initial_state: list | None, count: int, n: int, units: int,
                   dtype: DTypeLike, fn: str) -> list:
    """The ``count`` states ``(N, H)`` to start from: zeros, or ``initial_state`` checked."""
    if initial_state is None:
        return [np.zeros((n, units), dtype) for _ in range(count)]
    states = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
    if len(states) != count:
        raise ValueError(f"{fn}: initial_state must hold {count} state(s) of shape "
                         f"(batch, units), got {len(states)}")
    out = []
    for s in states:
        s = np.asarray(s)
        if s.shape != (n, units):
            raise ValueError(f"{fn}: each initial state must have shape {(n, units)}, "
                             f"got {s.shape}")
        out.append(np.array(s, dtype=dtype))
    return out


def dropped_inputs(xt: np.ndarray, dropout_mask: np.ndarray | None) -> np.ndarray:
    """The time-major inputs times the per-sequence input mask ``(N, D)`` (or as they are)."""
    if dropout_mask is None:
        return xt
    return xt * np.asarray(dropout_mask, xt.dtype)[None]


def sequence_gradient(douts: np.ndarray | None, t: int, n: int, units: int,
                      dtype: DTypeLike) -> np.ndarray | None:
    """The output gradient as time-major ``(T, N, H)`` (zeros but the last step when
    ``douts`` is the gradient of the last output only, ``(N, H)``), or None."""
    if douts is None:
        return None
    douts = np.asarray(douts, dtype)
    if douts.shape == (n, units):
        return douts
    if douts.shape != (n, t, units):
        raise ValueError(f"recurrent backward: the output gradient must have shape "
                         f"{(n, t, units)} or {(n, units)}, got {douts.shape}")
    return np.ascontiguousarray(douts.transpose(1, 0, 2))


def add_output_gradient(dout: np.ndarray, dseq: np.ndarray | None, step: int,
                        steps: int) -> None:
    """Add into ``dout`` the gradient arriving at the output of step ``step`` (of ``steps``)
    from ``dseq`` (:func:`sequence_gradient`; an ``(N, H)`` one arrives at the last step)."""
    if dseq is None:
        return
    if dseq.ndim == 3:
        dout += dseq[step]
    elif step == steps - 1:
        dout += dseq


def recurrence_dropout_masks(rate: float, recurrent_rate: float, n: int, d: int, units: int,
                             rng: np.random.Generator, dtype: DTypeLike) -> tuple:
    """Inverted-dropout masks ``(N, D)`` and ``(N, H)`` (None for a rate of 0), drawn from
    the numpy Generator ``rng``: kept entries are ``1 / (1 - rate)``, dropped ones 0."""
    def draw(r, shape):
        if r <= 0.0:
            return None
        keep = rng.random(shape) >= r
        return (keep / (1.0 - r)).astype(dtype)
    return draw(rate, (n, d)), draw(recurrent_rate, (n, units))


def input_projection(xd: np.ndarray, kernel: np.ndarray,
                     bias: np.ndarray | None) -> np.ndarray:
    """``xd @ kernel + bias`` for every step at once: ``(T, N, D)`` -> ``(T, N, G)``."""
    steps, n, d = xd.shape
    xw = (xd.reshape(steps * n, d) @ kernel).reshape(steps, n, kernel.shape[1])
    if bias is not None:
        xw += bias
    return xw


def input_gradients(dzx: np.ndarray, xd: np.ndarray, kernel: np.ndarray,
                    dropout_mask: np.ndarray | None, go_backwards: bool) -> tuple:
    """From the gradient of the inputs' projection ``dzx`` ``(T, N, G)``: ``dx`` ``(N, T, D)``
    in the caller's time order, and ``dkernel`` ``(D, G)``, each one matrix product."""
    steps, n, d = xd.shape
    dz2 = dzx.reshape(steps * n, dzx.shape[2])
    dkernel = xd.reshape(steps * n, d).T @ dz2
    dxt = (dz2 @ kernel.T).reshape(steps, n, d)
    if dropout_mask is not None:
        dxt *= np.asarray(dropout_mask, dxt.dtype)[None]
    return from_time_major(dxt, go_backwards), dkernel


def prepare(x: np.ndarray, kernel: np.ndarray, recurrent_kernel: np.ndarray, gates: int,
            mask: np.ndarray | None, go_backwards: bool, fn: str) -> tuple:
    """The checked inputs of a recurrence: time-major ``x`` ``(T, N, D)`` and mask ``(T, N)``
    (:func:`time_major`), both weights in ``x``'s float dtype, and the number of units."""
    xt, m = time_major(x, mask, go_backwards, fn)
    kernel, recurrent_kernel, units = weights(xt.shape[2], kernel, recurrent_kernel, gates,
                                              xt.dtype, fn)
    return xt, m, kernel, recurrent_kernel, units


def weights(d: int, kernel: np.ndarray, recurrent_kernel: np.ndarray, gates: int,
            dtype: DTypeLike, fn: str) -> tuple:
    """``kernel`` ``(D, G * H)`` and ``recurrent_kernel`` ``(H, G * H)`` checked for inputs
    of ``d`` features and ``gates`` gates, in ``dtype``, and the number of units ``H``."""
    kernel = np.asarray(kernel, dtype)
    recurrent_kernel = np.asarray(recurrent_kernel, dtype)
    units = recurrent_kernel.shape[0] if recurrent_kernel.ndim == 2 else 0
    if kernel.shape != (d, gates * units) or recurrent_kernel.shape != (units, gates * units):
        raise ValueError(f"{fn}: expected kernel {(d, gates * units)} and recurrent_kernel "
                         f"{(units, gates * units)} for inputs with {d} features, got "
                         f"{kernel.shape} and {recurrent_kernel.shape}")
    return kernel, recurrent_kernel, units


def cell_inputs(x: np.ndarray, states: dict, kernel: np.ndarray, recurrent_kernel: np.ndarray,
                gates: int, fn: str) -> tuple:
    """The checked inputs of one step (a cell): ``x`` ``(N, D)`` as a C-contiguous float
    array, the weights (:func:`weights`) and each of ``states`` (``{name: (N, H)}``) in its
    dtype; returns ``(x, [states...], kernel, recurrent_kernel, units)``."""
    x = np.asarray(x)
    if x.ndim != 2 or 0 in x.shape:
        raise ValueError(f"{fn}: expected x of shape (batch, features), got shape {x.shape}")
    x = as_float_c(x, float_dtype(x))
    kernel, recurrent_kernel, units = weights(x.shape[1], kernel, recurrent_kernel, gates,
                                              x.dtype, fn)
    checked = []
    for name, state in states.items():
        state = np.asarray(state)
        if state.shape != (x.shape[0], units):
            raise ValueError(f"{fn}: {name} must have shape (batch, units) = "
                             f"{(x.shape[0], units)}, got {state.shape}")
        checked.append(as_float_c(state, x.dtype))
    return x, checked, kernel, recurrent_kernel, units


def state_gradients(grads: tuple, n: int, units: int, dtype: DTypeLike, fn: str) -> list:
    """The gradients of the final states as fresh ``(N, H)`` arrays (zeros for None), each
    checked for its shape (the step kernels write into them)."""
    out = []
    for g in grads:
        if g is None:
            out.append(np.zeros((n, units), dtype))
            continue
        g = np.array(g, dtype)
        if g.shape != (n, units):
            raise ValueError(f"{fn}: the gradient of a state must have shape (batch, units) "
                             f"= {(n, units)}, got {g.shape}")
        out.append(g)
    return out


def state_buffers(steps: int, h0: np.ndarray,
                  recurrent_dropout_mask: np.ndarray | None) -> tuple:
    """``hs`` and ``outs`` ``(T + 1, N, H)`` (step 0: ``h0`` and zeros), ``hd`` the states as
    the recurrent product sees them (``hs`` itself without recurrent dropout), and the
    recurrent mask in the states' dtype (or None)."""
    hs = np.empty((steps + 1,) + h0.shape, h0.dtype)
    outs = np.empty_like(hs)
    hs[0], outs[0] = h0, 0.0
    if recurrent_dropout_mask is None:
        return hs, outs, hs, None
    return hs, outs, np.empty_like(hs), np.asarray(recurrent_dropout_mask, h0.dtype)


def backward_buffers(douts: tuple, steps: int, n: int, units: int, dtype: DTypeLike) -> tuple:
    """From ``douts = (doutputs, dh, ...)``: the output gradient (:func:`sequence_gradient`),
    the running state gradients (copies, zeros for None) and the carried output gradient."""
    dseq = sequence_gradient(douts[0], steps, n, units, dtype)
    dstates = state_gradients(douts[1:], n, units, dtype, "recurrent backward")
    return dseq, dstates, np.zeros((n, units), dtype)


@njit(cache=True, fastmath=True, error_model="numpy", inline="always")
def write_masked(keep, zero_out, value, b, j, h_prev, out_prev, h, out):
    """Store step output ``value`` as state and output of row ``b``, unit ``j``; at a masked
    step keep the previous state and the previous output (or zero)."""
    if keep:
        h[b, j] = value
        out[b, j] = value
    else:
        h[b, j] = h_prev[b, j]
        out[b, j] = 0.0 if zero_out else out_prev[b, j]
