"""What several exercises of ch9_regularization use: penalty, dropout and batch-norm cases."""

import numpy as np

from course.checks.cases import randn
from course.checks.spec import Case


def penalty_cases(rng, hidden, with_dpenalty=False):
    """Weights of several shapes with L1 only, L2 only and both; negative weights and zeros."""
    def case(group, w, l1, l2):
        args = {"w": w, "l1": l1, "l2": l2}
        if with_dpenalty:
            args["dpenalty"] = float(rng.uniform(0.5, 2.0))
        return Case(group, args)
    cases = [case("L2 only (Keras's default factor 0.01)", randn(rng, 4, 3), 0.0, 0.01),
             case("L1 only", randn(rng, 5), 0.05, 0.0),
             case("L1 and L2", randn(rng, 3, 4), 0.02, 0.03),
             case("a convolution kernel (4-D)", randn(rng, 3, 3, 2, 4), 0.01, 0.01),
             case("float32", randn(rng, 6, 2, dtype=np.float32), 0.01, 0.02)]
    w = randn(rng, 3, 3)
    w[0] = 0.0
    cases.append(case("exact zeros in w (the L1 gradient there is 0)", w, 0.1, 0.0))
    for _ in range(4 if hidden else 0):
        cases.append(case("random weights", randn(rng, *(int(v) for v in rng.integers(2, 30, 2))),
                          float(rng.uniform(0, 0.1)), float(rng.uniform(0, 0.1))))
    return cases


def dropout_cases(rng, hidden, with_dout=False):
    """Rates 0.2 to 0.8 with fixed seeds, training and inference, float32."""
    def case(group, x, rate, seed, training=True):
        args = {"x": x, "rate": rate, "seed": seed, "training": training}
        if with_dout:
            args["dout"] = randn(rng, *x.shape, dtype=x.dtype)
        return Case(group, args)
    cases = [case("rate 0.5", randn(rng, 6, 8), 0.5, 1),
             case("rate 0.2", randn(rng, 10, 5), 0.2, 2),
             case("rate 0.8", randn(rng, 4, 12), 0.8, 3),
             case("feature maps (4-D)", randn(rng, 2, 4, 4, 3), 0.3, 4),
             case("float32", randn(rng, 5, 6, dtype=np.float32), 0.4, 5)]
    if not with_dout:
        cases.append(case("inference (training=False): the identity", randn(rng, 5, 6), 0.5, 6,
                          training=False))
    for i in range(4 if hidden else 0):
        cases.append(case("random", randn(rng, 50, 40), float(rng.uniform(0.1, 0.9)), 10 + i))
    return cases


def batchnorm_cases(rng, hidden, with_dout=False):
    """(N, C) batches off centre and off scale, training and inference, gamma and beta."""
    def case(group, n, c, training, dtype=np.float64, momentum=0.99, epsilon=1e-3):
        args = {"x": (3 + 2 * randn(rng, n, c)).astype(dtype),
                "gamma": (1 + 0.5 * randn(rng, c)).astype(dtype),
                "beta": randn(rng, c, dtype=dtype),
                "moving_mean": randn(rng, c), "moving_var": 1 + rng.random(c),
                "training": training, "momentum": momentum, "epsilon": epsilon}
        if with_dout:
            args["dout"] = randn(rng, n, c, dtype=dtype)
        return Case(group, args)
    cases = [case("training, a batch of 8", 8, 4, True),
             case("training, Keras's momentum 0.99 and a small one", 16, 3, True, momentum=0.9),
             case("training, a large epsilon", 5, 3, True, epsilon=0.5),
             case("inference (training=False): the moving statistics", 6, 4, False),
             case("float32", 10, 5, True, dtype=np.float32)]
    for _ in range(3 if hidden else 0):
        cases.append(case("random", int(rng.integers(2, 60)), int(rng.integers(1, 20)),
                          bool(rng.random() < 0.7)))
    return cases
