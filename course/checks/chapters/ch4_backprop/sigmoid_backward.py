"""ch4.sigmoid_backward: dx = dout * out * (1 - out)."""

import numpy as np

from course import ops
from course.checks.chapters.ch4_backprop.shared import (activation_backward_cases,
                                                        call_activation_backward)
from course.checks.spec import Exercise, Mistake


def sigmoid_backward__applied_the_sigmoid_to_the_cache(dout, cache):
    out = cache
    s = 1 / (1 + np.exp(-out))
    return dout * s * (1 - s)


def sigmoid_backward__forgot_dout(dout, cache):
    out = cache
    return out * (1 - out)


def sigmoid_backward__tanh_s_derivative(dout, cache):
    out = cache
    return dout * (1 - out * out)


SIGMOID_BACKWARD = Exercise(
    id="ch4.sigmoid_backward", name="sigmoid_backward", reference=ops.sigmoid_backward,
    make_cases=lambda rng, hidden: activation_backward_cases(rng, hidden, zeros_in_x=False),
    call=call_activation_backward(ops.sigmoid_forward), output_names=("dx",),
    rtol=1e-6, atol=1e-12, points=1,
    mistakes=[
        Mistake("applied the sigmoid to the cache",
                "The cache already holds out = sigmoid(x). Use it directly: "
                "dx = dout * out * (1 - out).",
                sigmoid_backward__applied_the_sigmoid_to_the_cache),
        Mistake("forgot dout",
                "out * (1 - out) is the local derivative. The chain rule multiplies it by the "
                "upstream gradient: dx = dout * out * (1 - out).",
                sigmoid_backward__forgot_dout),
        Mistake("tanh's derivative",
                "1 - out**2 is tanh's derivative. The sigmoid's is out * (1 - out).",
                sigmoid_backward__tanh_s_derivative),
    ],
    summary="dx = dout * out * (1 - out)")
