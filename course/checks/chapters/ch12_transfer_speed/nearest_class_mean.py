"""ch12.nearest_class_mean: every sample to its nearest class mean, with one matrix product."""

import numpy as np

from course.checks.cases import randn
from course.checks.spec import Case, Exercise, Mistake
from course.ops.nearest_mean import nearest_class_mean


def _cases(rng, hidden):
    def case(group, n, k, d, spread=1.0, offset=0.0):
        means = offset + randn(rng, k, d) * rng.uniform(0.2, 3.0, (k, 1))
        features = means[rng.integers(0, k, n)] + spread * randn(rng, n, d)
        return Case(group, {"features": features, "means": means})
    cases = [case("5 classes, 3-D features", 12, 5, 3),
             case("means of very different lengths", 20, 4, 6, spread=1.5),
             case("far from the origin", 10, 3, 4, offset=50.0),
             case("more classes than dimensions", 15, 8, 2),
             case("one sample", 1, 4, 5),
             case("two classes", 9, 2, 7)]
    for _ in range(4 if hidden else 0):
        cases.append(case("random", int(rng.integers(1, 300)), int(rng.integers(2, 20)),
                          int(rng.integers(1, 64)), spread=float(rng.uniform(0.1, 3))))
    return cases


def nearest_class_mean__largest_dot_product(features, means):
    return (features @ means.T).argmax(axis=1)


def nearest_class_mean__argmax_of_the_distance(features, means):
    return ((means * means).sum(axis=1) - 2 * features @ means.T).argmax(axis=1)


def nearest_class_mean__cross_term_without_its_2(features, means):
    return ((means * means).sum(axis=1) - features @ means.T).argmin(axis=1)


def nearest_class_mean__argmin_over_the_samples(features, means):
    return ((means * means).sum(axis=1) - 2 * features @ means.T).argmin(axis=0)


NEAREST_CLASS_MEAN = Exercise(
    id="ch12.nearest_class_mean", name="nearest_class_mean", reference=nearest_class_mean,
    make_cases=_cases, rtol=0, atol=0, points=2,
    mistakes=[
        Mistake("largest dot product",
                "The largest f . m_k is not the nearest mean: a long mean vector wins it from "
                "far away. ||f - m_k||^2 = ||f||^2 - 2 f . m_k + ||m_k||^2, so compare "
                "||m_k||^2 - 2 f . m_k (||f||^2 is the same for every class).",
                nearest_class_mean__largest_dot_product),
        Mistake("argmax of the distance",
                "That is the FARTHEST mean: the nearest is the argmin of the distances.",
                nearest_class_mean__argmax_of_the_distance),
        Mistake("cross term without its 2",
                "||f - m||^2 = ||f||^2 - 2 f . m + ||m||^2: the cross term has a factor 2.",
                nearest_class_mean__cross_term_without_its_2),
        Mistake("argmin over the samples",
                "The scores are (N, K), one row per sample: take the argmin along axis=1 (over "
                "the classes), one label per sample.",
                nearest_class_mean__argmin_over_the_samples),
    ],
    summary="the nearest-class-mean classifier, one matrix product")
