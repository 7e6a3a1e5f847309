"""ch11.lstm_cell_backward: the gradients of one LSTM step."""

import numpy as np

from course.checks.calls import backward_reading_cache, none_or_described
from course.checks.chapters.ch11_sequences.shared import cell_cases, recurrent_gradients
from course.checks.spec import Exercise, Mistake
from course.ops.lstm import lstm_cell_backward, lstm_cell_forward


def _cases(rng, hidden):
    return cell_cases(rng, hidden, 4, lambda h: (4 * h,), carry=True, with_douts=True)


def _call(obj, args):
    _, cache = lstm_cell_forward(args["x"], args["h_prev"], args["c_prev"], args["kernel"],
                                 args["recurrent_kernel"], args["bias"])
    grads = recurrent_gradients(backward_reading_cache(
        obj, "lstm_cell_backward", (args["dh"], args["dc"]), cache),
        "lstm_cell_backward", ("dh_prev", "dc_prev"))
    return grads if args["bias"] is not None else grads[:-1] + (none_or_described(grads[-1]),)


def lstm_cell_backward__missed_the_carry_s_path_through_h(douts, cache):
    x, h_prev, c_prev, kernel, recurrent_kernel, gates, tanh_c, has_bias = cache[:8]
    dh, dc = douts
    i, f, g, o = np.split(gates, 4, axis=1)
    dc_total = dc
    dz = np.concatenate([dc_total * g * i * (1 - i), dc_total * c_prev * f * (1 - f),
                         dc_total * i * (1 - g ** 2), dh * tanh_c * o * (1 - o)], axis=1)
    return (dz @ kernel.T, [dz @ recurrent_kernel.T, dc_total * f], x.T @ dz, h_prev.T @ dz,
            dz.sum(axis=0) if has_bias else None)


def lstm_cell_backward__dc_prev_not_multiplied_by_f(douts, cache):
    x, h_prev, c_prev, kernel, recurrent_kernel, gates, tanh_c, has_bias = cache[:8]
    dh, dc = douts
    i, f, g, o = np.split(gates, 4, axis=1)
    dc_total = dc + dh * o * (1 - tanh_c ** 2)
    dz = np.concatenate([dc_total * g * i * (1 - i), dc_total * c_prev * f * (1 - f),
                         dc_total * i * (1 - g ** 2), dh * tanh_c * o * (1 - o)], axis=1)
    return (dz @ kernel.T, [dz @ recurrent_kernel.T, dc_total], x.T @ dz, h_prev.T @ dz,
            dz.sum(axis=0) if has_bias else None)


def lstm_cell_backward__forgot_the_incoming_dc(douts, cache):
    x, h_prev, c_prev, kernel, recurrent_kernel, gates, tanh_c, has_bias = cache[:8]
    dh, dc = douts
    i, f, g, o = np.split(gates, 4, axis=1)
    dc_total = dh * o * (1 - tanh_c ** 2)
    dz = np.concatenate([dc_total * g * i * (1 - i), dc_total * c_prev * f * (1 - f),
                         dc_total * i * (1 - g ** 2), dh * tanh_c * o * (1 - o)], axis=1)
    return (dz @ kernel.T, [dz @ recurrent_kernel.T, dc_total * f], x.T @ dz, h_prev.T @ dz,
            dz.sum(axis=0) if has_bias else None)


def lstm_cell_backward__output_gate_s_gradient_without_tanh_c(douts, cache):
    x, h_prev, c_prev, kernel, recurrent_kernel, gates, tanh_c, has_bias = cache[:8]
    dh, dc = douts
    i, f, g, o = np.split(gates, 4, axis=1)
    dc_total = dc + dh * o * (1 - tanh_c ** 2)
    dz = np.concatenate([dc_total * g * i * (1 - i), dc_total * c_prev * f * (1 - f),
                         dc_total * i * (1 - g ** 2), dh * o * (1 - o)], axis=1)
    return (dz @ kernel.T, [dz @ recurrent_kernel.T, dc_total * f], x.T @ dz, h_prev.T @ dz,
            dz.sum(axis=0) if has_bias else None)


LSTM_CELL_BACKWARD = Exercise(
    id="ch11.lstm_cell_backward", name="lstm_cell_backward", reference=lstm_cell_backward,
    make_cases=_cases, call=_call,
    output_names=("dx", "dh_prev", "dc_prev", "dkernel", "drecurrent_kernel", "dbias"),
    rtol=1e-4, atol=1e-6, points=3,
    mistakes=[
        Mistake("missed the carry's path through h",
                "The new carry c reaches the loss twice: directly (dc, from the next step) "
                "and through the state h = o * tanh(c). Its full gradient is "
                "dc + dh * o * (1 - tanh(c)**2), and every gate's gradient uses that sum.",
                lstm_cell_backward__missed_the_carry_s_path_through_h),
        Mistake("dc_prev not multiplied by f",
                "c = f * c_prev + i * g, so the gradient reaching the previous carry is the "
                "carry's gradient times the forget gate: dc_prev = dc_total * f. (This "
                "product, step after step, is what lets an LSTM keep a gradient alive: f "
                "near 1 passes it on.)",
                lstm_cell_backward__dc_prev_not_multiplied_by_f),
        Mistake("forgot the incoming dc",
                "douts = (dh, dc): the carry has its own gradient from the next step (dc), "
                "to which the path through h is added: dc_total = dc + dh * o * "
                "(1 - tanh(c)**2).",
                lstm_cell_backward__forgot_the_incoming_dc),
        Mistake("output gate's gradient without tanh(c)",
                "h = o * tanh(c): the output gate's gradient is dh * tanh(c), then times "
                "the sigmoid's derivative o * (1 - o).",
                lstm_cell_backward__output_gate_s_gradient_without_tanh_c),
    ],
    summary="the backward pass of one LSTM step")
