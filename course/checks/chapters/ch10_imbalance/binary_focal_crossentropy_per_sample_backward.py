"""ch10.binary_focal_crossentropy_per_sample_backward: the focal loss's gradient by the
product rule, ``w (dfactor bce + factor dbce) / K``."""

from course.checks.calls import backward_reading_cache
from course.checks.chapters.ch10_imbalance.shared import focal_cases
from course.checks.spec import Exercise, Mistake
from course.ops.probabilistic_losses import (binary_focal_crossentropy_per_sample_backward,
                                             binary_focal_crossentropy_per_sample_forward)

NAME = "binary_focal_crossentropy_per_sample_backward"


def _cases(rng, hidden):
    return focal_cases(rng, hidden, backward=True)


def _call(obj, args):
    forward_args = {k: v for k, v in args.items() if k != "dvalues"}
    _, cache = binary_focal_crossentropy_per_sample_forward(**forward_args)
    return backward_reading_cache(obj, NAME, args["dvalues"], cache)


def binary_focal_crossentropy_per_sample_backward__the_focal_factor_taken_as_a_constant(
        dvalues, cache):
    t, p, bce, dbce, w, gamma, from_logits = cache
    factor = (1 - (t * p + (1 - t) * (1 - p))) ** gamma
    return w * factor * dbce * dvalues[:, None] / p.shape[-1]


def binary_focal_crossentropy_per_sample_backward__dp_t_dp_is_1_for_every_sample(
        dvalues, cache):
    t, p, bce, dbce, w, gamma, from_logits = cache
    one_minus_pt = 1 - (t * p + (1 - t) * (1 - p))
    dfactor = -gamma * one_minus_pt ** (gamma - 1)
    if from_logits:
        dfactor = dfactor * p * (1 - p)
    grad = w * (dfactor * bce + one_minus_pt ** gamma * dbce)
    return grad * dvalues[:, None] / p.shape[-1]


def binary_focal_crossentropy_per_sample_backward__no_sigmoid_derivative_in_the_factor(
        dvalues, cache):
    t, p, bce, dbce, w, gamma, from_logits = cache
    one_minus_pt = 1 - (t * p + (1 - t) * (1 - p))
    dfactor = -gamma * one_minus_pt ** (gamma - 1) * (2 * t - 1)
    grad = w * (dfactor * bce + one_minus_pt ** gamma * dbce)
    return grad * dvalues[:, None] / p.shape[-1]


def binary_focal_crossentropy_per_sample_backward__missing_1_k(dvalues, cache):
    t, p, bce, dbce, w, gamma, from_logits = cache
    one_minus_pt = 1 - (t * p + (1 - t) * (1 - p))
    dfactor = -gamma * one_minus_pt ** (gamma - 1) * (2 * t - 1)
    if from_logits:
        dfactor = dfactor * p * (1 - p)
    grad = w * (dfactor * bce + one_minus_pt ** gamma * dbce)
    return grad * dvalues[:, None]


BINARY_FOCAL_CROSSENTROPY_PER_SAMPLE_BACKWARD = Exercise(
    id=f"ch10.{NAME}", name=NAME, reference=binary_focal_crossentropy_per_sample_backward,
    make_cases=_cases, call=_call, output_names=("dy_pred",), rtol=1e-5, atol=1e-7, points=3,
    mistakes=[
        Mistake("the focal factor taken as a constant",
                "The loss is a product, factor * bce, and both depend on p: by the product "
                "rule its derivative is dfactor * bce + factor * dbce. The cache's dbce is only "
                "the second half.",
                binary_focal_crossentropy_per_sample_backward__the_focal_factor_taken_as_a_constant),
        Mistake("dp_t/dp is 1 for every sample",
                "p_t = t p + (1 - t)(1 - p), so dp_t/dp = 2t - 1: +1 for a positive, -1 for a "
                "negative. d(1 - p_t)**gamma / dp = -gamma (1 - p_t)**(gamma - 1) (2t - 1).",
                binary_focal_crossentropy_per_sample_backward__dp_t_dp_is_1_for_every_sample),
        Mistake("no sigmoid derivative in the factor",
                "With from_logits the loss is differentiated with respect to the logit x, "
                "and p = sigmoid(x): the factor's derivative picks up dp/dx = p (1 - p). "
                "(The cache's dbce already has it.)",
                binary_focal_crossentropy_per_sample_backward__no_sigmoid_derivative_in_the_factor),
        Mistake("missing 1/K",
                "Each sample's value is the MEAN over its K outputs, so every element of the "
                "gradient carries 1/K.",
                binary_focal_crossentropy_per_sample_backward__missing_1_k),
    ],
    summary="the gradient of the binary focal cross-entropy")
