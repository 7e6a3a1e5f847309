"""What several exercises of ch4_backprop use: case helpers, call adapters."""

import numpy as np

from course.checks.calls import backward_reading_cache
from course.checks.cases import randn
from course.checks.spec import Case


def activation_backward_cases(rng, hidden, zeros_in_x=True):
    def case(group, x):
        return Case(group, {"x": x, "dout": randn(rng, *x.shape, dtype=x.dtype)})
    cases = []
    for _ in range(6 if hidden else 2):
        shape = tuple(int(v) for v in rng.integers(1, 30 if hidden else 7, size=2))
        cases.append(case("random values", randn(rng, *shape, scale=3)))
    if zeros_in_x:
        x = np.round(randn(rng, 4, 5))
        x[0, :2] = 0.0
        cases.append(case("exact zeros in x (the gradient there is 0)", x))
    cases.append(case("saturated or huge inputs", np.array([[-50.0, -10.0, 0.5, 10.0, 50.0],
                                                            [1e4, -1e4, 2.0, -2.0, 0.1]])))
    cases.append(case("float32", randn(rng, 3, 4, scale=2, dtype=np.float32)))
    cases.append(case("batch of 1", randn(rng, 1, 6)))
    cases.append(case("any shape (1-D and 3-D)", randn(rng, 7)))
    cases.append(case("any shape (1-D and 3-D)", randn(rng, 2, 3, 4)))
    if hidden:
        cases.append(case("random values", randn(rng, 128, 300)))
    return cases


def call_activation_backward(forward):
    def call(obj, args):
        _, cache = forward(args["x"])
        return backward_reading_cache(obj, forward.__name__.replace("forward", "backward"),
                                      args["dout"], cache)
    return call


def network_args(rng, n, d, h, k, scale=1.0):
    params = {"W1": randn(rng, d, h, scale=1 / np.sqrt(d)), "b1": randn(rng, h, scale=0.5),
              "W2": randn(rng, h, k, scale=1 / np.sqrt(h)), "b2": randn(rng, k, scale=0.5)}
    return {"x": randn(rng, n, d, scale=scale), "y": rng.integers(0, k, size=n),
            "params": params}
