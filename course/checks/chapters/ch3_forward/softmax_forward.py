"""ch3.softmax_forward: probabilities along an axis, stable for logits of any size."""

import numpy as np

from course import ops
from course.checks.cases import randn, rows_of_magnitudes
from course.checks.chapters.ch3_forward.shared import call_out
from course.checks.spec import Case, Exercise, Mistake


def _softmax_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, k = (int(v) for v in rng.integers(2, 40 if hidden else 7, size=2))
        cases.append(Case("random logits", {"x": randn(rng, n, k, scale=3), "axis": -1}))
    cases.append(Case("square (N = K)", {"x": randn(rng, 4, 4, scale=2), "axis": -1}))
    cases.append(Case("another axis", {"x": randn(rng, 3, 5), "axis": 0}))
    cases.append(Case("another axis", {"x": randn(rng, 2, 4, 3), "axis": 1}))
    cases.append(Case("batch of 1", {"x": randn(rng, 1, 5), "axis": -1}))
    cases.append(Case("zeros (uniform probabilities)", {"x": np.zeros((2, 3)), "axis": -1}))
    cases.append(Case("huge logits (1e4)", {
        "x": np.array([[1e4, 0.0, -1e4], [1e4, 1e4, 1e4], [-1e4, -1e4, -1e4 + 1]]), "axis": -1}))
    cases.append(Case("logits near 709, where exp still fits but a sum of two does not", {
        "x": 709.5 + rng.uniform(0, 0.2, (2, 3)), "axis": -1}))
    cases.append(Case("rows on very different scales", {
        "x": np.array([[0.0, 1.0, 2.0], [-738.0, -737.5, -737.0]]), "axis": -1}))
    cases.append(Case("rows of very different magnitudes",
                      {"x": rows_of_magnitudes(rng, 4), "axis": -1}))
    if hidden:
        cases.append(Case("random logits", {"x": randn(rng, 256, 10, scale=5), "axis": -1}))
        cases.append(Case("huge logits (1e4)", {"x": randn(rng, 8, 5, scale=1e4), "axis": -1}))
    return cases


def softmax_forward__unstable_softmax_no_max_shift(x, axis=-1):
    with np.errstate(all="ignore"):
        e = np.exp(x)
        out = e / e.sum(axis=axis, keepdims=True)
    return out, (out, axis)


def softmax_forward__shifted_by_the_global_maximum(x, axis=-1):
    with np.errstate(all="ignore"):
        e = np.exp(x - x.max())
        out = e / e.sum(axis=axis, keepdims=True)
    return out, (out, axis)


def softmax_forward__sum_without_keepdims(x, axis=-1):
    z = x - x.max(axis=axis, keepdims=True)
    e = np.exp(z)
    out = e / e.sum(axis=axis)
    return out, (out, axis)


def softmax_forward__ignored_the_axis_argument(x, axis=-1):
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    out = e / e.sum(axis=-1, keepdims=True)
    return out, (out, axis)


SOFTMAX_FORWARD = Exercise(
    id="ch3.softmax_forward", name="softmax_forward", reference=ops.softmax_forward,
    make_cases=_softmax_cases, call=call_out("softmax_forward"), output_names=("out",),
    rtol=1e-6, atol=1e-12, points=2,
    mistakes=[
        Mistake("unstable softmax (no max shift)",
                "exp(x) overflows for x above about 709 (float64) and the probabilities turn "
                "into 0 or nan. Subtract the maximum along the axis first: softmax(x - max) = "
                "softmax(x), and every exponent is then at most 0.",
                softmax_forward__unstable_softmax_no_max_shift),
        Mistake("shifted by the global maximum",
                "You subtracted the largest value of the whole array. Each row needs its own "
                "shift, x.max(axis=axis, keepdims=True); otherwise a row far below the global "
                "maximum underflows to 0 / 0.",
                softmax_forward__shifted_by_the_global_maximum),
        Mistake("sum without keepdims",
                "e.sum(axis=axis) drops the axis, so the division broadcasts the row sums "
                "against the columns (it only ran because the array was square). Use "
                "keepdims=True.",
                softmax_forward__sum_without_keepdims),
        Mistake("ignored the axis argument",
                "You always normalised over the last axis. Use the axis argument in both the "
                "max and the sum.",
                softmax_forward__ignored_the_axis_argument),
    ],
    summary="probabilities along an axis, stable for logits of any size")
