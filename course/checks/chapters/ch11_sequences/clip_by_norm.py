"""ch11.clip_by_norm: one gradient scaled down to an L2 norm of at most clip_norm (clipnorm)."""

import numpy as np

from course.checks.cases import randn
from course.checks.spec import Case, Exercise, Mistake
from course.ops.clipping import clip_by_norm


def _cases(rng, hidden):
    def case(group, grad, clip_norm):
        return Case(group, {"grad": grad, "clip_norm": clip_norm})
    cases = [case("an exploding gradient (norm far above clip_norm)",
                  randn(rng, 4, 3, scale=50.0), 1.0),
             case("a norm just above clip_norm", np.array([3.0, 4.0]), 4.5),
             case("a norm below clip_norm (unchanged)", randn(rng, 5, scale=0.1), 1.0),
             case("a bias vector", randn(rng, 6, scale=3.0), 2.0),
             case("a recurrent kernel (H, 4H)", randn(rng, 3, 12, scale=2.0), 5.0),
             case("all zeros", np.zeros((2, 3)), 1.0),
             case("float32", randn(rng, 4, 4, scale=10.0, dtype=np.float32), 0.5)]
    for _ in range(3 if hidden else 0):
        shape = tuple(int(v) for v in rng.integers(1, 40, size=int(rng.integers(1, 4))))
        cases.append(case("random", randn(rng, *shape, scale=float(rng.uniform(0.1, 20))),
                          float(rng.uniform(0.5, 10))))
    return cases


def clip_by_norm__rescaled_even_below_clip_norm(grad, clip_norm):
    norm = np.sqrt((grad * grad).sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        return grad * clip_norm / norm


def clip_by_norm__clipped_each_element(grad, clip_norm):
    return np.clip(grad, -clip_norm, clip_norm)


def clip_by_norm__no_square_root(grad, clip_norm):
    norm = (grad * grad).sum()
    return grad * clip_norm / max(norm, clip_norm)


CLIP_BY_NORM = Exercise(
    id="ch11.clip_by_norm", name="clip_by_norm", reference=clip_by_norm, make_cases=_cases,
    rtol=1e-5, atol=1e-7, points=1,
    mistakes=[
        Mistake("rescaled even below clip_norm",
                "Clipping only shrinks: a gradient whose norm is already at most clip_norm "
                "stays as it is. Divide by max(norm, clip_norm), not by the norm.",
                clip_by_norm__rescaled_even_below_clip_norm),
        Mistake("clipped each element",
                "np.clip(grad, -c, c) is Keras's clipvalue: it clips every element on its "
                "own and changes the gradient's DIRECTION. clipnorm scales the whole array "
                "by one factor, clip_norm / max(||grad||, clip_norm), keeping its direction.",
                clip_by_norm__clipped_each_element),
        Mistake("no square root",
                "The L2 norm is the square ROOT of the sum of squares.",
                clip_by_norm__no_square_root),
    ],
    summary="clipping one gradient by its L2 norm (Keras's clipnorm)")
