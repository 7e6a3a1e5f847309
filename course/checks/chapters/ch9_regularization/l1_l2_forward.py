"""ch9.l1_l2_forward: penalty = l1 * sum(|w|) + l2 * sum(w**2), Keras's form."""

import numpy as np

from course import ops
from course.checks.calls import first_of_pair
from course.checks.chapters.ch9_regularization.shared import penalty_cases
from course.checks.spec import Exercise, Mistake


def _call(obj, args):
    return float(first_of_pair(obj(args["w"], l1=args["l1"], l2=args["l2"]), "l1_l2_forward",
                               "penalty"))


def l1_l2_forward__half_in_the_l2_penalty(w, l1=0.0, l2=0.0):
    return l1 * np.abs(w).sum() + 0.5 * l2 * (w * w).sum(), (w, l1, l2)


def l1_l2_forward__l1_without_the_absolute_value(w, l1=0.0, l2=0.0):
    return l1 * w.sum() + l2 * (w * w).sum(), (w, l1, l2)


def l1_l2_forward__norm_instead_of_squared_norm(w, l1=0.0, l2=0.0):
    return l1 * np.abs(w).sum() + l2 * np.sqrt((w * w).sum()), (w, l1, l2)


L1_L2_FORWARD = Exercise(
    id="ch9.l1_l2_forward", name="l1_l2_forward", reference=ops.l1_l2_forward,
    make_cases=penalty_cases, call=_call, output_names=("penalty",), rtol=1e-5, atol=1e-8,
    points=1,
    mistakes=[
        Mistake("half in the L2 penalty",
                "Many textbooks write the L2 penalty as (l2 / 2) * sum(w**2), so that its "
                "gradient is l2 * w. Keras's L2 has no 1/2: the penalty is l2 * sum(w**2).",
                l1_l2_forward__half_in_the_l2_penalty),
        Mistake("L1 without the absolute value",
                "The L1 penalty sums the absolute values, l1 * sum(|w|): without np.abs, "
                "positive and negative weights cancel and the penalty can even be negative.",
                l1_l2_forward__l1_without_the_absolute_value),
        Mistake("norm instead of squared norm",
                "The L2 penalty is the SQUARED norm, l2 * sum(w**2), with no square root.",
                l1_l2_forward__norm_instead_of_squared_norm),
    ],
    summary="the L1 and L2 weight penalties, Keras's form")
