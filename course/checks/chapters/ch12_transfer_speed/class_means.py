"""ch12.class_means: the mean feature vector of each class, as one matrix product."""

import numpy as np

from course.checks.cases import randn
from course.checks.spec import Case, Exercise, Mistake
from course.ops.class_means import class_means


def _cases(rng, hidden):
    def case(group, labels, d, k, dtype=np.float64):
        labels = np.asarray(labels, dtype=np.int64)
        return Case(group, {"features": (1 + randn(rng, len(labels), d)).astype(dtype),
                            "labels": labels, "num_classes": k})
    cases = [case("5 classes, 4 samples each", rng.permutation(np.repeat(np.arange(5), 4)), 3, 5),
             case("classes of different sizes", [0, 0, 0, 0, 1, 2, 2, 1, 0, 2], 6, 3),
             case("one sample per class (few labels)", rng.permutation(4), 7, 4),
             case("a class without samples (row of zeros)", [0, 2, 2, 0, 3, 0], 4, 4),
             case("float32", rng.integers(0, 3, 12), 5, 3, dtype=np.float32),
             case("one sample", [1], 3, 2)]
    for _ in range(4 if hidden else 0):
        k = int(rng.integers(2, 12))
        cases.append(case("random", rng.integers(0, k, int(rng.integers(1, 200))),
                          int(rng.integers(1, 64)), k))
    return cases


def class_means__divided_by_all_samples(features, labels, num_classes):
    y = np.zeros((len(labels), num_classes), dtype=features.dtype)
    y[np.arange(len(labels)), labels] = 1
    return (y.T @ features) / len(labels)


def class_means__sums_not_means(features, labels, num_classes):
    y = np.zeros((len(labels), num_classes), dtype=features.dtype)
    y[np.arange(len(labels)), labels] = 1
    return y.T @ features


def class_means__nan_for_a_class_without_samples(features, labels, num_classes):
    y = np.zeros((len(labels), num_classes), dtype=features.dtype)
    y[np.arange(len(labels)), labels] = 1
    with np.errstate(invalid="ignore"):
        return (y.T @ features) / y.sum(axis=0)[:, None]


def class_means__transposed(features, labels, num_classes):
    y = np.zeros((len(labels), num_classes), dtype=features.dtype)
    y[np.arange(len(labels)), labels] = 1
    return features.T @ y / np.maximum(y.sum(axis=0), 1)


CLASS_MEANS = Exercise(
    id="ch12.class_means", name="class_means", reference=class_means,
    make_cases=_cases, rtol=1e-5, atol=1e-6, points=2,
    mistakes=[
        Mistake("divided by all samples",
                "Each class's sum is divided by the number of samples OF THAT CLASS, the "
                "column sums of the one-hot matrix (Y.sum(axis=0)), not by N.",
                class_means__divided_by_all_samples),
        Mistake("sums, not means",
                "Y.T @ features sums the rows of each class; divide each row k by the count "
                "of class k to get the mean.",
                class_means__sums_not_means),
        Mistake("nan for a class without samples",
                "A class with no sample has count 0, and 0 / 0 is nan: divide by "
                "np.maximum(counts, 1), which leaves that row at zeros.",
                class_means__nan_for_a_class_without_samples),
        Mistake("transposed",
                "The result has one ROW per class, shape (num_classes, D): Y.T @ features, "
                "not features.T @ Y.",
                class_means__transposed),
    ],
    summary="per-class means of features, one matrix product")
