"""ch9.batchnorm_backward: dx, dgamma, dbeta of batch normalization over (N, C)."""

import numpy as np

from course import ops
from course.checks.calls import backward_reading_cache
from course.checks.chapters.ch9_regularization.shared import batchnorm_cases
from course.checks.spec import Exercise, Mistake


def _cases(rng, hidden):
    return batchnorm_cases(rng, hidden, with_dout=True)


def _call(obj, args):
    _, cache = ops.batchnorm_forward(args["x"], args["gamma"], args["beta"],
                                     args["moving_mean"].copy(), args["moving_var"].copy(),
                                     args["training"], momentum=args["momentum"],
                                     epsilon=args["epsilon"])
    return backward_reading_cache(obj, "batchnorm_backward", args["dout"], cache)


def batchnorm_backward__batch_statistics_treated_as_constants(dout, cache):
    training, xhat, inv_std, gamma = cache[:4]
    return dout * gamma * inv_std, (dout * xhat).sum(axis=0), dout.sum(axis=0)


def batchnorm_backward__dgamma_without_xhat(dout, cache):
    training, xhat, inv_std, gamma = cache[:4]
    dgamma, dbeta = dout.sum(axis=0), dout.sum(axis=0)
    if not training:
        return dout * gamma * inv_std, dgamma, dbeta
    m = dout.shape[0]
    dgamma_right = (dout * xhat).sum(axis=0)
    dx = gamma * inv_std / m * (m * dout - dbeta - xhat * dgamma_right)
    return dx, dgamma, dbeta


def batchnorm_backward__forgot_gamma_in_dx(dout, cache):
    training, xhat, inv_std, gamma = cache[:4]
    dgamma, dbeta = (dout * xhat).sum(axis=0), dout.sum(axis=0)
    if not training:
        return dout * inv_std, dgamma, dbeta
    m = dout.shape[0]
    dx = inv_std / m * (m * dout - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta


BATCHNORM_BACKWARD = Exercise(
    id="ch9.batchnorm_backward", name="batchnorm_backward", reference=ops.batchnorm_backward,
    make_cases=_cases, call=_call, output_names=("dx", "dgamma", "dbeta"), rtol=1e-4,
    atol=1e-6, points=3,
    mistakes=[
        Mistake("batch statistics treated as constants",
                "In training the mean and variance are computed from the batch, so every x "
                "moves them, and their gradients flow back into dx too: "
                "dx = gamma / (m * std) * (m * dout - dbeta - xhat * dgamma). "
                "dout * gamma / std alone is the gradient at inference only.",
                batchnorm_backward__batch_statistics_treated_as_constants),
        Mistake("dgamma without xhat",
                "gamma multiplies the normalized input xhat, so its gradient is the sum of "
                "dout * xhat over the batch; the sum of dout alone is dbeta's.",
                batchnorm_backward__dgamma_without_xhat),
        Mistake("forgot gamma in dx",
                "The output is gamma * xhat + beta: the gradient reaching xhat is dout * gamma, "
                "so dx carries the factor gamma.",
                batchnorm_backward__forgot_gamma_in_dx),
    ],
    summary="batch normalization backward, training and inference")
