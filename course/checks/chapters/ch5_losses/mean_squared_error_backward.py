"""ch5.mean_squared_error_backward: gradient of the mean squared error with respect to y_pred."""

from course.checks.calls import backward_reading_cache
from course.checks.chapters.ch5_losses.shared import ATOL, RTOL, mse_cases
from course.checks.spec import Exercise, Mistake
from course.ops import losses as L


def _call_mse_backward(obj, args):
    _, cache = L.mean_squared_error_forward(args["y_true"], args["y_pred"],
                                            args["sample_weight"])
    return backward_reading_cache(obj, "mean_squared_error_backward", args["dloss"], cache)


def _mse_backward_cases(rng, hidden):
    cases = []
    for c in mse_cases(rng, hidden):
        if c.group == "perfect prediction (loss 0)":
            continue
        c.args["dloss"] = float(rng.uniform(0.5, 2.0)) if c.group != "batch of 1" else 1.0
        cases.append(c)
    return cases


def mean_squared_error_backward__missing_factor_2(dloss, cache):
    diff, w = cache
    n, k = diff.shape
    return dloss * w[:, None] * diff / (n * k)


def mean_squared_error_backward__missing_1_k(dloss, cache):
    diff, w = cache
    n = diff.shape[0]
    return dloss * w[:, None] * 2 * diff / n


def mean_squared_error_backward__sign_flipped(dloss, cache):
    diff, w = cache
    n, k = diff.shape
    return -dloss * w[:, None] * 2 * diff / (n * k)


def mean_squared_error_backward__ignored_sample_weight(dloss, cache):
    diff, w = cache
    n, k = diff.shape
    return dloss * 2 * diff / (n * k)


MSE_BACKWARD = Exercise(
    id="ch5.mean_squared_error_backward", name="mean_squared_error_backward",
    reference=L.mean_squared_error_backward, make_cases=_mse_backward_cases,
    call=_call_mse_backward, rtol=RTOL, atol=ATOL, points=2,
    summary="gradient of the mean squared error with respect to y_pred",
    mistakes=[
        Mistake("missing factor 2", "The derivative of d**2 is 2*d: the gradient is "
                "2 * (y_pred - y_true) * w / (N * K).",
                mean_squared_error_backward__missing_factor_2),
        Mistake("missing 1/K", "The loss averages over the K outputs of each sample, so "
                "every element of the gradient also carries 1/K (divide by N * K).",
                mean_squared_error_backward__missing_1_k),
        Mistake("sign flipped", "Differentiate with respect to y_pred: d/dy_pred of "
                "(y_pred - y_true)**2 is +2 * (y_pred - y_true).",
                mean_squared_error_backward__sign_flipped),
        Mistake("ignored sample_weight", "Sample i's loss was multiplied by w[i], so its "
                "gradient is too: multiply row i by w[i] (w is in the cache).",
                mean_squared_error_backward__ignored_sample_weight),
    ])
