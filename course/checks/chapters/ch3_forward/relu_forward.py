"""ch3.relu_forward: out = max(x, 0), elementwise."""

import numpy as np

from course import ops
from course.checks.chapters.ch3_forward.shared import activation_cases, call_out
from course.checks.spec import Exercise, Mistake


def relu_forward__np_max_instead_of_np_maximum(x):
    out = np.max(x, 0)
    return out, out


def relu_forward__returned_the_step_function(x):
    out = (x > 0).astype(x.dtype)
    return out, out


def relu_forward__kept_the_negative_part(x):
    out = np.minimum(x, 0)
    return out, out


RELU_FORWARD = Exercise(
    id="ch3.relu_forward", name="relu_forward", reference=ops.relu_forward,
    make_cases=activation_cases, call=call_out("relu_forward"), output_names=("out",),
    rtol=0, atol=0, points=1,
    mistakes=[
        Mistake("np.max instead of np.maximum",
                "np.max(x, 0) is the largest entry along axis 0 (a reduction). The elementwise "
                "max of x and 0 is np.maximum(x, 0).",
                relu_forward__np_max_instead_of_np_maximum),
        Mistake("returned the step function",
                "You returned 1 where x > 0 and 0 elsewhere: that is ReLU's derivative. ReLU "
                "keeps the value: max(x, 0).",
                relu_forward__returned_the_step_function),
        Mistake("kept the negative part",
                "np.minimum(x, 0) keeps the negative part; ReLU keeps the positive part, "
                "np.maximum(x, 0).",
                relu_forward__kept_the_negative_part),
    ],
    summary="out = max(x, 0), elementwise")
