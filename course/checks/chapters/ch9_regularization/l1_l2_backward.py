"""ch9.l1_l2_backward: dw = dpenalty * (l1 * sign(w) + 2 * l2 * w)."""

import numpy as np

from course import ops
from course.checks.calls import backward_reading_cache
from course.checks.chapters.ch9_regularization.shared import penalty_cases
from course.checks.spec import Exercise, Mistake


def _cases(rng, hidden):
    return penalty_cases(rng, hidden, with_dpenalty=True)


def _call(obj, args):
    _, cache = ops.l1_l2_forward(args["w"], l1=args["l1"], l2=args["l2"])
    return backward_reading_cache(obj, "l1_l2_backward", args["dpenalty"], cache)


def l1_l2_backward__l2_gradient_without_the_2(dpenalty, cache):
    w, l1, l2 = cache
    return dpenalty * (l1 * np.sign(w) + l2 * w)


def l1_l2_backward__l1_gradient_without_the_sign(dpenalty, cache):
    w, l1, l2 = cache
    return dpenalty * (l1 * np.ones_like(w) + 2 * l2 * w)


def l1_l2_backward__forgot_dpenalty(dpenalty, cache):
    w, l1, l2 = cache
    return l1 * np.sign(w) + 2 * l2 * w


L1_L2_BACKWARD = Exercise(
    id="ch9.l1_l2_backward", name="l1_l2_backward", reference=ops.l1_l2_backward,
    make_cases=_cases, call=_call, output_names=("dw",), rtol=1e-5, atol=1e-8, points=2,
    mistakes=[
        Mistake("L2 gradient without the 2",
                "The derivative of l2 * w**2 is 2 * l2 * w: Keras's penalty has no 1/2 to "
                "cancel the 2.",
                l1_l2_backward__l2_gradient_without_the_2),
        Mistake("L1 gradient without the sign",
                "The derivative of |w| is sign(w): +1 for positive weights, -1 for negative "
                "ones (and 0 at 0), so L1 pushes every weight towards 0 by the same amount.",
                l1_l2_backward__l1_gradient_without_the_sign),
        Mistake("forgot dpenalty",
                "The chain rule multiplies the local gradient by the upstream one: "
                "dw = dpenalty * (l1 * sign(w) + 2 * l2 * w).",
                l1_l2_backward__forgot_dpenalty),
    ],
    summary="the gradient of the L1 and L2 penalties")
