"""ch9.dropout_forward: inverted dropout, a seeded mask scaled by 1 / (1 - rate)."""

import numpy as np

from course import ops
from course.checks.calls import first_of_pair
from course.checks.chapters.ch9_regularization.shared import dropout_cases
from course.checks.spec import Exercise, Mistake


def _call(obj, args):
    return first_of_pair(obj(args["x"], args["rate"], seed=args["seed"],
                             training=args["training"]), "dropout_forward")


def dropout_forward__did_not_scale_the_kept_units(x, rate, seed=None, training=True):
    if not training:
        return x, None
    keep = np.random.default_rng(seed).random(x.shape, dtype=x.dtype) >= rate
    return x * keep, keep


def dropout_forward__multiplied_by_the_keep_probability(x, rate, seed=None, training=True):
    if not training:
        return x, None
    keep = np.random.default_rng(seed).random(x.shape, dtype=x.dtype) >= rate
    mask = keep * (1 - rate)
    return x * mask, mask


def dropout_forward__dropped_at_inference(x, rate, seed=None, training=True):
    keep = np.random.default_rng(seed).random(x.shape, dtype=x.dtype) >= rate
    mask = keep / (1 - rate)
    return x * mask, mask


def dropout_forward__kept_where_u_rate(x, rate, seed=None, training=True):
    if not training:
        return x, None
    keep = np.random.default_rng(seed).random(x.shape, dtype=x.dtype) < rate
    mask = keep / (1 - rate)
    return x * mask, mask


DROPOUT_FORWARD = Exercise(
    id="ch9.dropout_forward", name="dropout_forward", reference=ops.dropout_forward,
    make_cases=dropout_cases, call=_call, output_names=("out",), rtol=1e-5, atol=1e-7,
    points=2,
    mistakes=[
        Mistake("did not scale the kept units",
                "Inverted dropout scales the units it keeps by 1 / (1 - rate), so that each "
                "output's expected value is its input's: training and inference then see the "
                "same scale, and inference needs no change at all.",
                dropout_forward__did_not_scale_the_kept_units),
        Mistake("multiplied by the keep probability",
                "Multiplying by (1 - rate) is what the original dropout did at INFERENCE. "
                "Inverted dropout divides the kept units by (1 - rate) in training instead.",
                dropout_forward__multiplied_by_the_keep_probability),
        Mistake("dropped at inference",
                "Dropout is a training-time noise: with training=False it is the identity "
                "(return x unchanged), or predictions would be random.",
                dropout_forward__dropped_at_inference),
        Mistake("kept where u < rate",
                "rate is the fraction to DROP: keep a unit where its uniform number u is at "
                "least rate (u >= rate), which happens with probability 1 - rate.",
                dropout_forward__kept_where_u_rate),
    ],
    summary="inverted dropout with a seeded mask; the identity at inference")
