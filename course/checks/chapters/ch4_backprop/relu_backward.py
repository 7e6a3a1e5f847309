"""ch4.relu_backward: dx = dout where x > 0, else 0."""

import numpy as np

from course import ops
from course.checks.chapters.ch4_backprop.shared import (activation_backward_cases,
                                                        call_activation_backward)
from course.checks.spec import Exercise, Mistake


def relu_backward__out_0(dout, cache):
    out = cache
    return np.where(out >= 0, dout, 0)


def relu_backward__multiplied_by_out(dout, cache):
    out = cache
    return dout * out


def relu_backward__masked_by_the_sign_of_dout(dout, cache):
    return np.where(dout > 0, dout, 0)


def relu_backward__forgot_dout(dout, cache):
    out = cache
    return (out > 0).astype(dout.dtype)


RELU_BACKWARD = Exercise(
    id="ch4.relu_backward", name="relu_backward", reference=ops.relu_backward,
    make_cases=activation_backward_cases, call=call_activation_backward(ops.relu_forward),
    output_names=("dx",), rtol=0, atol=0, points=1,
    mistakes=[
        Mistake("out >= 0",
                "The cache is out = max(x, 0), which is never negative, so out >= 0 lets every "
                "gradient through. The gradient flows where x > 0, that is where out > 0.",
                relu_backward__out_0),
        Mistake("multiplied by out",
                "ReLU's derivative is 1 where x > 0 and 0 elsewhere, not x itself: "
                "dx = dout where out > 0, else 0.",
                relu_backward__multiplied_by_out),
        Mistake("masked by the sign of dout",
                "The mask comes from the forward input (out > 0), not from the upstream "
                "gradient: negative gradients must flow back too.",
                relu_backward__masked_by_the_sign_of_dout),
        Mistake("forgot dout",
                "You returned the local derivative only. The chain rule multiplies it by the "
                "upstream gradient: dx = dout * (out > 0).",
                relu_backward__forgot_dout),
    ],
    summary="dx = dout where x > 0, else 0")
