"""ch3.sigmoid_forward: out = 1 / (1 + exp(-x)) without overflow."""

import numpy as np

from course import ops
from course.checks.chapters.ch3_forward.shared import activation_cases, call_out
from course.checks.spec import Exercise, Mistake


def sigmoid_forward__sign_of_the_exponent_flipped(x):
    with np.errstate(over="ignore"):
        out = 1 / (1 + np.exp(x))
    return out, out


def sigmoid_forward__tanh_instead_of_sigmoid(x):
    out = np.tanh(x)
    return out, out


def sigmoid_forward__returned_the_derivative(x):
    e = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    out = s * (1 - s)
    return out, out


SIGMOID_FORWARD = Exercise(
    id="ch3.sigmoid_forward", name="sigmoid_forward", reference=ops.sigmoid_forward,
    make_cases=activation_cases, call=call_out("sigmoid_forward"), output_names=("out",),
    rtol=1e-6, atol=1e-12, points=1,
    mistakes=[
        Mistake("sign of the exponent flipped",
                "You computed 1 / (1 + exp(x)), which is sigmoid(-x): "
                "sigmoid(x) = 1 / (1 + exp(-x)) goes to 1 for large positive x.",
                sigmoid_forward__sign_of_the_exponent_flipped),
        Mistake("tanh instead of sigmoid",
                "That is tanh, with values in (-1, 1). The sigmoid has values in (0, 1): "
                "1 / (1 + exp(-x)) (or (1 + tanh(x / 2)) / 2).",
                sigmoid_forward__tanh_instead_of_sigmoid),
        Mistake("returned the derivative",
                "You returned s * (1 - s), the sigmoid's derivative. The forward pass returns "
                "s = 1 / (1 + exp(-x)) itself.",
                sigmoid_forward__returned_the_derivative),
    ],
    summary="out = 1 / (1 + exp(-x)) without overflow")
