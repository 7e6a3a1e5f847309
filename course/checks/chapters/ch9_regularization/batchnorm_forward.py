"""ch9.batchnorm_forward: normalize with the batch's statistics in training (and update the
moving ones in place), with the moving statistics at inference."""

import numpy as np

from course import ops
from course.checks.calls import first_of_pair
from course.checks.chapters.ch9_regularization.shared import batchnorm_cases
from course.checks.spec import Exercise, Mistake


def _call(obj, args):
    out = first_of_pair(obj(args["x"], args["gamma"], args["beta"], args["moving_mean"],
                            args["moving_var"], args["training"], momentum=args["momentum"],
                            epsilon=args["epsilon"]), "batchnorm_forward")
    return out, args["moving_mean"], args["moving_var"]


def batchnorm_forward__unbiased_variance(x, gamma, beta, moving_mean, moving_var, training,
                                         momentum=0.99, epsilon=1e-3):
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0, ddof=1)
        moving_mean[...] = momentum * moving_mean + (1 - momentum) * mean
        moving_var[...] = momentum * moving_var + (1 - momentum) * var
    else:
        mean, var = moving_mean, moving_var
    return gamma * (x - mean) / np.sqrt(var + epsilon) + beta, None


def batchnorm_forward__epsilon_outside_the_square_root(x, gamma, beta, moving_mean, moving_var,
                                                       training, momentum=0.99, epsilon=1e-3):
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0)
        moving_mean[...] = momentum * moving_mean + (1 - momentum) * mean
        moving_var[...] = momentum * moving_var + (1 - momentum) * var
    else:
        mean, var = moving_mean, moving_var
    return gamma * (x - mean) / (np.sqrt(var) + epsilon) + beta, None


def batchnorm_forward__momentum_the_wrong_way_round(x, gamma, beta, moving_mean, moving_var,
                                                    training, momentum=0.99, epsilon=1e-3):
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0)
        moving_mean[...] = (1 - momentum) * moving_mean + momentum * mean
        moving_var[...] = (1 - momentum) * moving_var + momentum * var
    else:
        mean, var = moving_mean, moving_var
    return gamma * (x - mean) / np.sqrt(var + epsilon) + beta, None


def batchnorm_forward__batch_statistics_at_inference(x, gamma, beta, moving_mean, moving_var,
                                                     training, momentum=0.99, epsilon=1e-3):
    mean, var = x.mean(axis=0), x.var(axis=0)
    if training:
        moving_mean[...] = momentum * moving_mean + (1 - momentum) * mean
        moving_var[...] = momentum * moving_var + (1 - momentum) * var
    return gamma * (x - mean) / np.sqrt(var + epsilon) + beta, None


BATCHNORM_FORWARD = Exercise(
    id="ch9.batchnorm_forward", name="batchnorm_forward", reference=ops.batchnorm_forward,
    make_cases=batchnorm_cases, call=_call,
    output_names=("out", "moving_mean", "moving_var"), rtol=1e-5, atol=1e-6, points=3,
    mutable=("moving_mean", "moving_var"),
    mistakes=[
        Mistake("unbiased variance",
                "Batch normalization uses the batch's own (biased) variance, the mean of the "
                "squared deviations, dividing by N: x.var(axis=0), not x.var(axis=0, ddof=1).",
                batchnorm_forward__unbiased_variance),
        Mistake("epsilon outside the square root",
                "epsilon goes under the root, (x - mean) / sqrt(var + epsilon), as in Keras: it "
                "keeps the division safe for a channel of constant values and changes the "
                "output by more than you would think when the variance is small.",
                batchnorm_forward__epsilon_outside_the_square_root),
        Mistake("momentum the wrong way round",
                "Keras's momentum is the weight of the OLD moving value: "
                "moving = momentum * moving + (1 - momentum) * batch statistic, so with 0.99 "
                "each batch moves it by 1%.",
                batchnorm_forward__momentum_the_wrong_way_round),
        Mistake("batch statistics at inference",
                "At inference (training=False) normalize with the moving mean and variance "
                "learnt in training, so that a sample's prediction does not depend on the "
                "other samples in its batch.",
                batchnorm_forward__batch_statistics_at_inference),
    ],
    summary="batch normalization forward, training and inference, Keras's momentum")
