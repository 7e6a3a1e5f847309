"""ch9.dropout_backward: dx = dout * mask, the forward's scaled mask."""

import numpy as np

from course import ops
from course.checks.calls import backward_reading_cache
from course.checks.chapters.ch9_regularization.shared import dropout_cases
from course.checks.spec import Exercise, Mistake


def _cases(rng, hidden):
    return dropout_cases(rng, hidden, with_dout=True)


def _call(obj, args):
    _, cache = ops.dropout_forward(args["x"], args["rate"], seed=args["seed"], training=True)
    return backward_reading_cache(obj, "dropout_backward", args["dout"], cache)


def dropout_backward__forgot_dout(dout, cache):
    mask = cache
    return mask.copy()


def dropout_backward__ignored_the_mask(dout, cache):
    return dout.copy()


def dropout_backward__mask_without_the_scale(dout, cache):
    mask = cache
    return dout * (mask > 0)


DROPOUT_BACKWARD = Exercise(
    id="ch9.dropout_backward", name="dropout_backward", reference=ops.dropout_backward,
    make_cases=_cases, call=_call, output_names=("dx",), rtol=1e-5, atol=1e-7, points=1,
    mistakes=[
        Mistake("forgot dout",
                "The mask is the local derivative; the chain rule multiplies it by the "
                "upstream gradient dout.",
                dropout_backward__forgot_dout),
        Mistake("ignored the mask",
                "A dropped unit did not reach the output, so no gradient flows back to it: "
                "multiply dout by the same mask as the forward pass.",
                dropout_backward__ignored_the_mask),
        Mistake("mask without the scale",
                "The forward pass multiplied the kept units by 1 / (1 - rate), so their "
                "gradient carries the same factor. The cache already holds the scaled mask: "
                "multiply by it as it is.",
                dropout_backward__mask_without_the_scale),
    ],
    summary="the gradient of inverted dropout")
