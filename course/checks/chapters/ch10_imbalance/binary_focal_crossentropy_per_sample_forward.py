"""ch10.binary_focal_crossentropy_per_sample_forward: Keras's binary focal cross-entropy,
``mean(w (1 - p_t)**gamma bce, axis=-1)``."""

import numpy as np

from course.checks.calls import first_of_pair
from course.checks.chapters.ch10_imbalance.shared import focal_cases
from course.checks.spec import Exercise, Mistake
from course.ops.probabilistic_losses import binary_focal_crossentropy_per_sample_forward

NAME = "binary_focal_crossentropy_per_sample_forward"


def _cases(rng, hidden):
    return focal_cases(rng, hidden)


def _call(obj, args):
    return first_of_pair(obj(**args), NAME, "values")


def binary_focal_crossentropy_per_sample_forward__p_t_is_p_for_every_sample(
        y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0):
    p = np.clip(y_pred, 1e-7, 1 - 1e-7)
    bce = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))
    w = y_true * alpha + (1 - y_true) * (1 - alpha) if apply_class_balancing else 1.0
    return (w * (1 - y_pred) ** gamma * bce).mean(axis=-1), None


def binary_focal_crossentropy_per_sample_forward__alpha_for_both_classes(
        y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0):
    p = np.clip(y_pred, 1e-7, 1 - 1e-7)
    bce = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))
    p_t = y_true * y_pred + (1 - y_true) * (1 - y_pred)
    w = alpha if apply_class_balancing else 1.0
    return (w * (1 - p_t) ** gamma * bce).mean(axis=-1), None


def binary_focal_crossentropy_per_sample_forward__p_t_to_the_power_gamma(
        y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0):
    p = np.clip(y_pred, 1e-7, 1 - 1e-7)
    bce = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))
    p_t = y_true * y_pred + (1 - y_true) * (1 - y_pred)
    w = y_true * alpha + (1 - y_true) * (1 - alpha) if apply_class_balancing else 1.0
    return (w * p_t ** gamma * bce).mean(axis=-1), None


def binary_focal_crossentropy_per_sample_forward__no_clipping(
        y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0):
    with np.errstate(divide="ignore", invalid="ignore"):
        bce = -(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred))
    p_t = y_true * y_pred + (1 - y_true) * (1 - y_pred)
    w = y_true * alpha + (1 - y_true) * (1 - alpha) if apply_class_balancing else 1.0
    return (w * (1 - p_t) ** gamma * bce).mean(axis=-1), None


BINARY_FOCAL_CROSSENTROPY_PER_SAMPLE_FORWARD = Exercise(
    id=f"ch10.{NAME}", name=NAME, reference=binary_focal_crossentropy_per_sample_forward,
    make_cases=_cases, call=_call, output_names=("values",), rtol=1e-5, atol=1e-7, points=2,
    mistakes=[
        Mistake("p_t is p for every sample",
                "p_t is the probability given to the TRUE class: p for a positive, 1 - p for "
                "a negative. With (1 - p)**gamma a negative the model rightly scores near 0 "
                "keeps its full weight, the opposite of what the focal term is for.",
                binary_focal_crossentropy_per_sample_forward__p_t_is_p_for_every_sample),
        Mistake("alpha for both classes",
                "Class balancing weighs positives by alpha and negatives by 1 - alpha: "
                "w = t alpha + (1 - t)(1 - alpha). One alpha for every sample only rescales "
                "the loss.",
                binary_focal_crossentropy_per_sample_forward__alpha_for_both_classes),
        Mistake("p_t to the power gamma",
                "The focal factor is (1 - p_t)**gamma: small when the model is already right "
                "(p_t near 1), so that the easy, common samples stop dominating. p_t**gamma "
                "does the opposite.",
                binary_focal_crossentropy_per_sample_forward__p_t_to_the_power_gamma),
        Mistake("no clipping",
                "log(0) is -inf, and 0 * log(0) is nan. Clip the probabilities to "
                "[1e-7, 1 - 1e-7] in the cross-entropy, as Keras does.",
                binary_focal_crossentropy_per_sample_forward__no_clipping),
    ],
    summary="the binary focal cross-entropy of each sample")
