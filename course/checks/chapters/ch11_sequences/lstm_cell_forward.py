"""ch11.lstm_cell_forward: one LSTM step, Keras's gate order i, f, c, o."""

import numpy as np

from course.checks.calls import first_of_pair
from course.checks.chapters.ch11_sequences.shared import cell_cases
from course.checks.spec import Exercise, Mistake
from course.ops.lstm import lstm_cell_forward


def _cases(rng, hidden):
    return cell_cases(rng, hidden, 4, lambda h: (4 * h,), carry=True)


def _call(obj, args):
    return first_of_pair(obj(args["x"], args["h_prev"], args["c_prev"], args["kernel"],
                             args["recurrent_kernel"], bias=args["bias"]), "lstm_cell_forward",
                         "(h, c)")


def lstm_cell_forward__tf1_gate_order_i_c_f_o(x, h_prev, c_prev, kernel, recurrent_kernel,
                                              bias=None):
    z = x @ kernel + h_prev @ recurrent_kernel
    if bias is not None:
        z = z + bias
    zi, zg, zf, zo = np.split(z, 4, axis=1)
    i, f, o = 1 / (1 + np.exp(-zi)), 1 / (1 + np.exp(-zf)), 1 / (1 + np.exp(-zo))
    c = f * c_prev + i * np.tanh(zg)
    return (o * np.tanh(c), c), None


def lstm_cell_forward__h_without_the_tanh_of_the_carry(x, h_prev, c_prev, kernel,
                                                       recurrent_kernel, bias=None):
    z = x @ kernel + h_prev @ recurrent_kernel
    if bias is not None:
        z = z + bias
    zi, zf, zg, zo = np.split(z, 4, axis=1)
    i, f, o = 1 / (1 + np.exp(-zi)), 1 / (1 + np.exp(-zf)), 1 / (1 + np.exp(-zo))
    c = f * c_prev + i * np.tanh(zg)
    return (o * c, c), None


def lstm_cell_forward__candidate_through_the_sigmoid(x, h_prev, c_prev, kernel,
                                                     recurrent_kernel, bias=None):
    z = x @ kernel + h_prev @ recurrent_kernel
    if bias is not None:
        z = z + bias
    zi, zf, zg, zo = np.split(z, 4, axis=1)
    i, f, o = 1 / (1 + np.exp(-zi)), 1 / (1 + np.exp(-zf)), 1 / (1 + np.exp(-zo))
    c = f * c_prev + i / (1 + np.exp(-zg))
    return (o * np.tanh(c), c), None


def lstm_cell_forward__input_and_forget_gates_swapped(x, h_prev, c_prev, kernel,
                                                      recurrent_kernel, bias=None):
    z = x @ kernel + h_prev @ recurrent_kernel
    if bias is not None:
        z = z + bias
    zi, zf, zg, zo = np.split(z, 4, axis=1)
    i, f, o = 1 / (1 + np.exp(-zi)), 1 / (1 + np.exp(-zf)), 1 / (1 + np.exp(-zo))
    c = i * c_prev + f * np.tanh(zg)
    return (o * np.tanh(c), c), None


LSTM_CELL_FORWARD = Exercise(
    id="ch11.lstm_cell_forward", name="lstm_cell_forward", reference=lstm_cell_forward,
    make_cases=_cases, call=_call, output_names=("h", "c"), rtol=1e-4, atol=1e-6, points=2,
    mistakes=[
        Mistake("TF1 gate order i, c, f, o",
                "Keras 3 lays the four gates out as i, f, c, o along the 4H axis: "
                "z[:, :H] is the input gate, z[:, H:2H] the forget gate, z[:, 2H:3H] the "
                "candidate, z[:, 3H:] the output gate. TensorFlow 1's LSTMCell used "
                "i, c (j), f, o; weights in one order read in the other are a different LSTM.",
                lstm_cell_forward__tf1_gate_order_i_c_f_o),
        Mistake("h without the tanh of the carry",
                "The state is the output gate times the SQUASHED carry, h = o * tanh(c): "
                "the carry c may grow beyond [-1, 1], h may not.",
                lstm_cell_forward__h_without_the_tanh_of_the_carry),
        Mistake("candidate through the sigmoid",
                "The three gates i, f, o go through the sigmoid (they are between 0 and 1, "
                "how much to let through), but the candidate g is new content and goes "
                "through tanh, between -1 and 1: g = tanh(z_c).",
                lstm_cell_forward__candidate_through_the_sigmoid),
        Mistake("input and forget gates swapped",
                "The forget gate decides how much of the OLD carry stays, the input gate how "
                "much of the new candidate enters: c = f * c_prev + i * g.",
                lstm_cell_forward__input_and_forget_gates_swapped),
    ],
    summary="one LSTM step (Keras's LSTMCell)")
