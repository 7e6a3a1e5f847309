"""ch5.categorical_crossentropy_backward: the chain rule through the clip and the
renormalisation of the probabilities."""

import numpy as np

from course.checks.calls import backward_reading_cache
from course.checks.chapters.ch5_losses.shared import (ATOL, RTOL, batch_and_classes, cce_cases,
                                                      one_hot_rows)
from course.checks.spec import Case, Exercise, Mistake
from course.ops import losses as L


def _call_cce_backward(obj, args):
    _, cache = L.categorical_crossentropy_forward(args["y_true"], args["y_pred"],
                                                  args["sample_weight"])
    return backward_reading_cache(obj, "categorical_crossentropy_backward", args["dloss"],
                                  cache)


def _cce_backward_cases(rng, hidden):
    cases = []
    for c in cce_cases(rng, hidden):
        c.args["dloss"] = 1.0
        cases.append(c)
    n, k = batch_and_classes(rng, hidden, 2, 6)
    cases.insert(3, Case("upstream gradient dloss != 1", {
        "y_true": one_hot_rows(rng, n, k), "y_pred": rng.uniform(0.1, 2.0, (n, k)),
        "sample_weight": None, "dloss": float(rng.uniform(2.0, 5.0))}))
    return cases


def categorical_crossentropy_backward__gradient_through_the_clip(dloss, cache):
    y_true, q, c, s, inside, w = cache
    n = q.shape[0]
    dq = -y_true / c * (w[:, None] * dloss / n)
    return (dq - (dq * q).sum(axis=-1, keepdims=True)) / s


def categorical_crossentropy_backward__ignored_the_renormalisation(dloss, cache):
    y_true, q, c, s, inside, w = cache
    n = q.shape[0]
    return np.where(inside, -y_true / c, 0) * (w[:, None] * dloss / n)


def categorical_crossentropy_backward__missing_1_n(dloss, cache):
    y_true, q, c, s, inside, w = cache
    dq = np.where(inside, -y_true / c, 0) * (w[:, None] * dloss)
    return (dq - (dq * q).sum(axis=-1, keepdims=True)) / s


def categorical_crossentropy_backward__sign_flipped(dloss, cache):
    y_true, q, c, s, inside, w = cache
    n = q.shape[0]
    dq = np.where(inside, y_true / c, 0) * (w[:, None] * dloss / n)
    return (dq - (dq * q).sum(axis=-1, keepdims=True)) / s


def categorical_crossentropy_backward__ignored_sample_weight(dloss, cache):
    y_true, q, c, s, inside, w = cache
    n = q.shape[0]
    dq = np.where(inside, -y_true / c, 0) * (dloss / n)
    return (dq - (dq * q).sum(axis=-1, keepdims=True)) / s


CCE_BACKWARD = Exercise(
    id="ch5.categorical_crossentropy_backward", name="categorical_crossentropy_backward",
    reference=L.categorical_crossentropy_backward, make_cases=_cce_backward_cases,
    call=_call_cce_backward, rtol=RTOL, atol=ATOL, points=3,
    summary="the chain rule through the clip and the renormalisation of the probabilities",
    mistakes=[
        Mistake("gradient through the clip", "Where the clip was active (inside is False) the "
                "loss does not change with y_pred: the gradient there is 0.",
                categorical_crossentropy_backward__gradient_through_the_clip),
        Mistake("ignored the renormalisation", "q = p / s depends on every p of its row: "
                "dL/dp = (dq - sum(dq * q, axis=-1)) / s, with dq = dL/dq.",
                categorical_crossentropy_backward__ignored_the_renormalisation),
        Mistake("missing 1/N", "The loss is a mean over the N samples, so the gradient carries "
                "1/N.", categorical_crossentropy_backward__missing_1_n),
        Mistake("sign flipped", "d/dc of -y log c is -y / c.",
        categorical_crossentropy_backward__sign_flipped),
        Mistake("ignored sample_weight", "Row i of the gradient is multiplied by w[i] (the last "
                "item of the cache).", categorical_crossentropy_backward__ignored_sample_weight),
    ])
