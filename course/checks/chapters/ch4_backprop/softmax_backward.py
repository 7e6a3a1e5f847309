"""ch4.softmax_backward: softmax's own backward, dx = s * (dout - sum(dout * s, axis)),
apart from any loss (the fused softmax-cross-entropy gradient p - y is not it)."""

import numpy as np

from course import ops
from course.checks.calls import backward_reading_cache
from course.checks.cases import randn, rows_of_magnitudes
from course.checks.spec import Case, Exercise, Mistake


def _case(rng, group, x, axis=-1):
    return Case(group, {"x": x, "axis": axis, "dout": randn(rng, *x.shape, dtype=x.dtype)})


def _softmax_backward_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 3):
        n, k = (int(v) for v in rng.integers(2, 30 if hidden else 8, size=2))
        k = k + 1 if k == n else k        # rows and columns apart: a wrong axis shows
        cases.append(_case(rng, "random logits (N, K)", randn(rng, n, k, scale=2)))
    cases.append(_case(rng, "square (N = K)", randn(rng, 4, 4, scale=2)))
    cases.append(_case(rng, "one vector (K,)", randn(rng, 6)))
    cases.append(_case(rng, "any batch shape (2, 3, K)", randn(rng, 2, 3, 5)))
    cases.append(_case(rng, "batch of 1", randn(rng, 1, 5)))
    cases.append(_case(rng, "huge logits (1e4): a saturated softmax",
                       np.array([[1e4, 0.0, -1e4, 3.0], [2.0, 1e4, 1e4, -1e4]])))
    cases.append(_case(rng, "rows of very different magnitudes", rows_of_magnitudes(rng, 5)))
    cases.append(_case(rng, "float32", randn(rng, 3, 5, scale=2, dtype=np.float32)))
    cases.append(_case(rng, "softmax over axis 0 (the cache says which)", randn(rng, 5, 3),
                       axis=0))
    if hidden:
        cases.append(_case(rng, "random logits (N, K)", randn(rng, 128, 10, scale=4)))
        cases.append(_case(rng, "softmax over axis 0 (the cache says which)",
                           randn(rng, 7, 2, 3), axis=0))
    return cases


def _call_softmax_backward(obj, args):
    _, cache = ops.softmax_forward(args["x"], axis=args["axis"])
    return backward_reading_cache(obj, "softmax_backward", args["dout"], cache)


def softmax_backward__the_fused_cross_entropy_gradient_s_y(dout, cache):
    s, axis = cache
    return s - dout


def softmax_backward__only_the_diagonal_of_the_jacobian(dout, cache):
    s, axis = cache
    return dout * s * (1 - s)


def softmax_backward__summed_over_the_wrong_axis(dout, cache):
    s, axis = cache
    return s * (dout - (dout * s).sum(axis=0, keepdims=True))


def softmax_backward__summed_without_keepdims(dout, cache):
    s, axis = cache
    return s * (dout - (dout * s).sum(axis=axis))


def softmax_backward__summed_dout_instead_of_dout_s(dout, cache):
    s, axis = cache
    return s * (dout - dout.sum(axis=axis, keepdims=True))


SOFTMAX_BACKWARD = Exercise(
    id="ch4.softmax_backward", name="softmax_backward", reference=ops.softmax_backward,
    make_cases=_softmax_backward_cases, call=_call_softmax_backward, output_names=("dx",),
    rtol=1e-6, atol=1e-12, points=2,
    mistakes=[
        Mistake("the fused cross-entropy gradient s - y",
                "p - y is the gradient of softmax followed by cross-entropy, with respect to "
                "the logits. Softmax alone has no target: it hands back the vector-Jacobian "
                "product dx = s * (dout - sum(dout * s, axis, keepdims=True)).",
                softmax_backward__the_fused_cross_entropy_gradient_s_y),
        Mistake("only the diagonal of the Jacobian",
                "s * (1 - s) is ds_i/dx_i, the diagonal only. Every output depends on every "
                "input of its row (ds_i/dx_j = -s_i s_j), which adds the term "
                "-s * sum(dout * s): dx = s * (dout - sum(dout * s, axis, keepdims=True)).",
                softmax_backward__only_the_diagonal_of_the_jacobian),
        Mistake("summed over the wrong axis",
                "The sum runs along the axis the softmax normalised, the one in the cache "
                "(axis = -1 for logits (N, K): over the classes of each row), not over the "
                "batch.", softmax_backward__summed_over_the_wrong_axis),
        Mistake("summed without keepdims",
                "sum(dout * s, axis) drops the axis, and (N,) does not line up with (N, K): "
                "it broadcasts along the wrong axis or not at all. Keep it with "
                "keepdims=True, so that each row subtracts its own sum.",
                softmax_backward__summed_without_keepdims),
        Mistake("summed dout instead of dout * s",
                "The sum is weighted by the probabilities: sum_j dout_j s_j (that is "
                "sum(dout * s)). sum(dout) belongs to log-softmax's backward.",
                softmax_backward__summed_dout_instead_of_dout_s),
    ],
    summary="dx = s * (dout - sum(dout * s, axis, keepdims=True))")
