"""ch1.one_hot: integer labels -> float32 one-hot matrix."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops.indexing import one_hot


def _call_one_hot(obj, args):
    out = obj(**args)
    return out, np.asarray(out).dtype.name


def one_hot__number_of_classes_taken_from_the_labels(labels, num_classes):
    return np.eye(labels.max() + 1, dtype=np.float32)[labels]


def one_hot__float64_instead_of_float32(labels, num_classes):
    return np.eye(num_classes)[labels]


def one_hot__integer_dtype(labels, num_classes):
    out = np.zeros((len(labels), num_classes), dtype=labels.dtype)
    out[np.arange(len(labels)), labels] = 1
    return out


def one_hot__transposed(labels, num_classes):
    out = np.zeros((num_classes, len(labels)), dtype=np.float32)
    out[labels, np.arange(len(labels))] = 1
    return out


def _one_hot_cases(rng, hidden):
    cases = []
    for _ in range(8 if hidden else 3):
        n, k = int(rng.integers(2, 40 if hidden else 12)), int(rng.integers(3, 11))
        cases.append(Case("random labels", {"labels": rng.integers(0, k, n), "num_classes": k}))
    k = int(rng.integers(4, 10))
    cases.append(Case("largest class absent from the batch",
                      {"labels": rng.integers(0, k - 2, 6), "num_classes": k}))
    cases.append(Case("as many samples as classes",
                      {"labels": rng.permutation(5), "num_classes": 5}))
    cases.append(Case("batch of 1", {"labels": np.array([2]), "num_classes": 4}))
    cases.append(Case("int32 labels",
                      {"labels": rng.integers(0, 3, 7).astype(np.int32), "num_classes": 3}))
    if hidden:
        cases.append(Case("large", {"labels": rng.integers(0, 100, 5000), "num_classes": 100}))
    return cases


ONE_HOT = Exercise(
    id="ch1.one_hot", name="one_hot", reference=one_hot, make_cases=_one_hot_cases,
    call=_call_one_hot, output_names=("one-hot array", "its dtype"), points=1,
    summary="integer labels -> float32 one-hot matrix",
    mistakes=[
        Mistake("number of classes taken from the labels",
                "You sized the matrix from the labels (labels.max() + 1). A batch need not "
                "contain the largest class: use num_classes.",
                one_hot__number_of_classes_taken_from_the_labels),
        Mistake("float64 instead of float32",
                "np.eye and np.zeros make float64 unless told otherwise; the course (like "
                "Keras) works in float32: pass dtype=np.float32.",
                one_hot__float64_instead_of_float32),
        Mistake("integer dtype",
                "Your one-hot array inherited the labels' integer dtype. One-hot targets are "
                "floats (float32): they are multiplied with probabilities.",
                one_hot__integer_dtype),
        Mistake("transposed",
                "Your matrix is (num_classes, N): one row per sample is wanted, "
                "shape (N, num_classes).", one_hot__transposed),
    ])
