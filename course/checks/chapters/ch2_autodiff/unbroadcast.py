"""ch2.unbroadcast: sum a gradient over the axes that broadcasting added or stretched."""

import numpy as np

from course.ops.arithmetic import unbroadcast
from course.checks.spec import Case, Exercise, Mistake


def unbroadcast__stretched_axes_not_summed(grad, shape):
    extra = grad.ndim - len(shape)
    return grad.sum(axis=tuple(range(extra))) if extra else grad


def unbroadcast__keepdims_forgotten(grad, shape):
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    return grad.sum(axis=stretched) if stretched else grad


def unbroadcast__mean_instead_of_sum(grad, shape):
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.mean(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    return grad.mean(axis=stretched, keepdims=True) if stretched else grad


def unbroadcast__shapes_aligned_at_the_left(grad, shape):
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(len(shape), grad.ndim)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    return grad.sum(axis=stretched, keepdims=True) if stretched else grad


def _unbroadcast_cases(rng, hidden):
    n, d = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    while n == d:
        d = int(rng.integers(2, 7))
    a, b, c = _dims_distinct(rng, 3)

    def g(*shape):
        return rng.standard_normal(shape)

    cases = [Case("a bias (N, D) -> (D,)", {"grad": g(n, d), "shape": (d,)}),
             Case("a row (N, D) -> (1, D)", {"grad": g(n, d), "shape": (1, d)}),
             Case("a column (N, D) -> (N, 1)", {"grad": g(n, d), "shape": (n, 1)}),
             Case("a scalar (N, D) -> ()", {"grad": g(n, d), "shape": ()}),
             Case("three axes (A, B, C) -> (B, 1)", {"grad": g(a, b, c), "shape": (b, 1)}),
             Case("three axes (A, B, C) -> (A, 1, C)", {"grad": g(a, b, c), "shape": (a, 1, c)}),
             Case("square (D, D) -> (D,)", {"grad": g(d, d), "shape": (d,)}),
             Case("no broadcasting", {"grad": g(n, d), "shape": (n, d)}),
             Case("batch of 1 (1, D) -> (D,)", {"grad": g(1, d), "shape": (d,)}),
             Case("float32", {"grad": g(n, d).astype(np.float32), "shape": (1, d)})]
    if hidden:
        cases.append(Case("large (N, D) -> (D,)", {"grad": g(4096, 256), "shape": (256,)}))
        cases.append(Case("four axes", {"grad": g(2, 3, 4, 5), "shape": (3, 1, 5)}))
    return cases


def _dims_distinct(rng, k):
    return tuple(int(v) for v in rng.choice(np.arange(2, 8), size=k, replace=False))


UNBROADCAST = Exercise(
    id="ch2.unbroadcast", name="unbroadcast", reference=unbroadcast,
    make_cases=_unbroadcast_cases, points=2,
    summary="sum a gradient over the axes that broadcasting added or stretched",
    mistakes=[
        Mistake("stretched axes not summed",
                "You summed the leading axes that broadcasting added, but not the axes of "
                "length 1 that it stretched ((N, 1) against (N, D)): sum those too, with "
                "keepdims=True.", unbroadcast__stretched_axes_not_summed),
        Mistake("keepdims forgotten",
                "An axis of length 1 in the operand's shape must stay: sum the stretched "
                "axes with keepdims=True, so that (N, D) -> (N, 1), not (N,).",
                unbroadcast__keepdims_forgotten),
        Mistake("mean instead of sum",
                "An element used D times receives D gradients, and they add up: sum, do not "
                "average.", unbroadcast__mean_instead_of_sum),
        Mistake("shapes aligned at the left",
                "numpy aligns shapes at the right: (D,) against (N, D) is stretched along "
                "the leading axis 0, so the extra axes to sum are the first ones.",
                unbroadcast__shapes_aligned_at_the_left),
    ])
