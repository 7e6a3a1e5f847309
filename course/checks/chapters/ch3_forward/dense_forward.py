"""ch3.dense_forward: out = x @ W + b, returned with its cache."""

import numpy as np

from course import ops
from course.checks.calls import first_of_pair
from course.checks.cases import as_layout, randn
from course.checks.spec import Case, Exercise, Mistake


def _dense_forward_cases(rng, hidden):
    cases = []
    big = 40 if hidden else 8
    for _ in range(8 if hidden else 3):
        n, d, m = (int(v) for v in rng.integers(2, big, size=3))
        cases.append(Case("random shapes", {"x": randn(rng, n, d), "W": randn(rng, d, m),
                                            "b": randn(rng, m)}))
    for s in ((3, 4) if hidden else (3,)):
        cases.append(Case("square shapes (N = D = M)", {
            "x": randn(rng, s, s), "W": randn(rng, s, s), "b": randn(rng, s)}))
    cases.append(Case("no bias (b=None)", {"x": randn(rng, 4, 3), "W": randn(rng, 3, 5),
                                           "b": None}))
    cases.append(Case("batch of 1", {"x": randn(rng, 1, 5), "W": randn(rng, 5, 2),
                                     "b": randn(rng, 2)}))
    cases.append(Case("zeros", {"x": np.zeros((3, 4)), "W": randn(rng, 4, 2),
                                "b": randn(rng, 2)}))
    cases.append(Case("large magnitudes", {"x": randn(rng, 4, 6, scale=1e4),
                                           "W": randn(rng, 6, 3, scale=1e3),
                                           "b": randn(rng, 3, scale=1e6)}))
    cases.append(Case("leading axes (N, T, D)", {"x": randn(rng, 2, 3, 4), "W": randn(rng, 4, 5),
                                                 "b": randn(rng, 5)}))
    cases.append(Case("non-contiguous x (a transposed view)", {
        "x": randn(rng, 6, 4), "W": randn(rng, 6, 3), "b": randn(rng, 3),
        "layout": "transposed"}))
    if hidden:
        cases.append(Case("random shapes", {"x": randn(rng, 256, 784), "W": randn(rng, 784, 64),
                                            "b": randn(rng, 64)}))
    return cases


def _call_dense_forward(obj, args):
    x = as_layout(args["x"], args.get("layout"))
    return first_of_pair(obj(x, args["W"], args["b"]), "dense_forward")


def dense_forward__forgot_the_bias(x, W, b=None):
    out = x @ W
    return out, (x, W, b is not None)


def dense_forward__w_t_instead_of_w(x, W, b=None):
    out = x @ W.T
    if b is not None:
        out = out + b
    return out, (x, W, b is not None)


def dense_forward__bias_added_per_row(x, W, b=None):
    out = x @ W
    if b is not None:
        out = out + b.reshape(-1, 1)
    return out, (x, W, b is not None)


DENSE_FORWARD = Exercise(
    id="ch3.dense_forward", name="dense_forward", reference=ops.dense_forward,
    make_cases=_dense_forward_cases, call=_call_dense_forward, output_names=("out",),
    rtol=1e-6, atol=1e-6, points=2,
    mistakes=[
        Mistake("forgot the bias",
                "The output misses b: out = x @ W + b (when b is not None).",
                dense_forward__forgot_the_bias),
        Mistake("W.T instead of W",
                "You multiplied by W.T. With one sample per row, x (N, D) times W (D, M) is "
                "already the right product: out = x @ W. (It only ran because W was square.)",
                dense_forward__w_t_instead_of_w),
        Mistake("bias added per row",
                "b has one entry per output unit (column), not per sample: add b with shape "
                "(M,) so that it broadcasts over the rows, not b.reshape(-1, 1).",
                dense_forward__bias_added_per_row),
    ],
    summary="out = x @ W + b, returned with its cache")
