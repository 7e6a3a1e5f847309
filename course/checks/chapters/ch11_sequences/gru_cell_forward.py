"""ch11.gru_cell_forward: one GRU step, Keras's reset_after=True with a (2, 3H) bias."""

import numpy as np

from course.checks.calls import first_of_pair
from course.checks.chapters.ch11_sequences.shared import cell_cases
from course.checks.spec import Exercise, Mistake
from course.ops.gru import gru_cell_forward


def _cases(rng, hidden):
    return cell_cases(rng, hidden, 3, lambda h: (2, 3 * h))


def _call(obj, args):
    return first_of_pair(obj(args["x"], args["h_prev"], args["kernel"], args["recurrent_kernel"],
                             bias=args["bias"]), "gru_cell_forward", "h")


def gru_cell_forward__update_gate_on_the_other_side(x, h_prev, kernel, recurrent_kernel,
                                                    bias=None):
    xw, u = x @ kernel, h_prev @ recurrent_kernel
    if bias is not None:
        xw, u = xw + bias[0], u + bias[1]
    x_z, x_r, x_h = np.split(xw, 3, axis=1)
    u_z, u_r, u_h = np.split(u, 3, axis=1)
    z, r = 1 / (1 + np.exp(-(x_z + u_z))), 1 / (1 + np.exp(-(x_r + u_r)))
    hh = np.tanh(x_h + r * u_h)
    return (1 - z) * h_prev + z * hh, None


def gru_cell_forward__reset_before_the_recurrent_product(x, h_prev, kernel, recurrent_kernel,
                                                         bias=None):
    units = h_prev.shape[1]
    xw, u = x @ kernel, h_prev @ recurrent_kernel
    if bias is not None:
        xw, u = xw + bias[0], u + bias[1]
    x_z, x_r, x_h = np.split(xw, 3, axis=1)
    u_z, u_r, _ = np.split(u, 3, axis=1)
    z, r = 1 / (1 + np.exp(-(x_z + u_z))), 1 / (1 + np.exp(-(x_r + u_r)))
    u_h = (r * h_prev) @ recurrent_kernel[:, 2 * units:]
    if bias is not None:
        u_h = u_h + bias[1, 2 * units:]
    hh = np.tanh(x_h + u_h)
    return z * h_prev + (1 - z) * hh, None


def gru_cell_forward__recurrent_bias_ignored(x, h_prev, kernel, recurrent_kernel, bias=None):
    xw, u = x @ kernel, h_prev @ recurrent_kernel
    if bias is not None:
        xw = xw + bias[0]
    x_z, x_r, x_h = np.split(xw, 3, axis=1)
    u_z, u_r, u_h = np.split(u, 3, axis=1)
    z, r = 1 / (1 + np.exp(-(x_z + u_z))), 1 / (1 + np.exp(-(x_r + u_r)))
    hh = np.tanh(x_h + r * u_h)
    return z * h_prev + (1 - z) * hh, None


def gru_cell_forward__reset_gate_not_applied_to_the_recurrent_bias(x, h_prev, kernel,
                                                                   recurrent_kernel, bias=None):
    units = h_prev.shape[1]
    xw, u = x @ kernel, h_prev @ recurrent_kernel
    if bias is not None:
        xw = xw + bias[0]
    x_z, x_r, x_h = np.split(xw, 3, axis=1)
    u_z, u_r, u_h = np.split(u, 3, axis=1)
    if bias is not None:
        u_z, u_r = u_z + bias[1, :units], u_r + bias[1, units:2 * units]
    z, r = 1 / (1 + np.exp(-(x_z + u_z))), 1 / (1 + np.exp(-(x_r + u_r)))
    hh = np.tanh(x_h + r * u_h + (0 if bias is None else bias[1, 2 * units:]))
    return z * h_prev + (1 - z) * hh, None


GRU_CELL_FORWARD = Exercise(
    id="ch11.gru_cell_forward", name="gru_cell_forward", reference=gru_cell_forward,
    make_cases=_cases, call=_call, output_names=("h",), rtol=1e-4, atol=1e-6, points=2,
    mistakes=[
        Mistake("update gate on the other side",
                "In Keras the update gate z weighs the OLD state: h = z * h_prev + (1 - z) * hh "
                "(papers differ; this is the convention Keras's weights are trained with, and "
                "sigmoid biases near 0 start halfway either way).",
                gru_cell_forward__update_gate_on_the_other_side),
        Mistake("reset before the recurrent product",
                "With reset_after=True (Keras's default, and cuDNN's) the reset gate multiplies "
                "the recurrent product itself: hh = tanh(x_h + r * (h_prev @ U_h + b_h)). "
                "Multiplying h_prev by r before the product is reset_after=False, the "
                "original GRU, with a (3H,) bias.",
                gru_cell_forward__reset_before_the_recurrent_product),
        Mistake("recurrent bias ignored",
                "With reset_after=True the bias is (2, 3H): bias[0] is added to the inputs' "
                "part x @ kernel, bias[1] to the recurrent part h_prev @ recurrent_kernel. "
                "Both rows count.",
                gru_cell_forward__recurrent_bias_ignored),
        Mistake("reset gate not applied to the recurrent bias",
                "The candidate's recurrent part is r * (h_prev @ U_h + bias[1][2H:]): the "
                "recurrent bias is inside the product with r, because the reset gate "
                "multiplies the whole recurrent contribution.",
                gru_cell_forward__reset_gate_not_applied_to_the_recurrent_bias),
    ],
    summary="one GRU step (Keras's GRUCell, reset_after=True)")
