"""ch6.clip_by_global_norm: gradient clipping by the global norm of all gradients together."""

import numpy as np

from course.checks.chapters.ch6_optimizers.shared import shape_of
from course.checks.spec import Case, Exercise, Mistake
from course.ops.clipping import clip_by_global_norm


def _clip_cases(rng, hidden):
    cases = []

    def grads_list(k, scale=1.0, dtype=np.float64):
        return [(scale * rng.standard_normal(shape_of(rng, hidden))).astype(dtype)
                for _ in range(k)]

    for _ in range(3 if hidden else 2):
        cases.append(Case("clipping active", {"grads": grads_list(int(rng.integers(2, 5))),
                                              "clip_norm": float(rng.uniform(0.5, 1.5))}))
    cases.append(Case("norm already below clip_norm", {"grads": grads_list(3, 0.1),
                                                       "clip_norm": 100.0}))
    cases.append(Case("one gradient", {"grads": grads_list(1, 3.0), "clip_norm": 1.0}))
    cases.append(Case("all zeros", {"grads": [np.zeros((2, 3)), np.zeros(4)], "clip_norm": 1.0}))
    cases.append(Case("float32", {"grads": grads_list(2, 2.0, np.float32), "clip_norm": 0.5}))
    if hidden:
        cases.append(Case("a large model", {"grads": [rng.standard_normal((300, 100)),
                                                      rng.standard_normal(100),
                                                      rng.standard_normal((100, 10))],
                                            "clip_norm": 5.0}))
    return cases


def clip_by_global_norm__clipped_each_gradient_on_its_own(grads, clip_norm):
    out = []
    for g in grads:
        norm = np.sqrt((g * g).sum())
        out.append(g * clip_norm / max(norm, clip_norm))
    return out


def clip_by_global_norm__rescaled_even_below_clip_norm(grads, clip_norm):
    norm = np.sqrt(sum((g * g).sum() for g in grads))
    with np.errstate(divide="ignore", invalid="ignore"):
        return [g * clip_norm / norm for g in grads]


def clip_by_global_norm__no_square_root(grads, clip_norm):
    norm = sum((g * g).sum() for g in grads)
    return [g * clip_norm / max(norm, clip_norm) for g in grads]


CLIP_BY_GLOBAL_NORM = Exercise(
    id="ch6.clip_by_global_norm", name="clip_by_global_norm", reference=clip_by_global_norm,
    make_cases=_clip_cases, rtol=1e-5, atol=1e-7, points=2,
    summary="gradient clipping by the global norm of all gradients together",
    mistakes=[
        Mistake("clipped each gradient on its own", "Global clipping uses ONE norm over all "
                "the gradients together, sqrt(sum over all of g**2), and one scale for all.",
                clip_by_global_norm__clipped_each_gradient_on_its_own),
        Mistake("rescaled even below clip_norm", "Only shrink: when the norm is already below "
                "clip_norm the gradients stay as they are (divide by max(norm, clip_norm)).",
                clip_by_global_norm__rescaled_even_below_clip_norm),
        Mistake("no square root", "The L2 norm is the square ROOT of the sum of squares.",
                clip_by_global_norm__no_square_root),
    ])
