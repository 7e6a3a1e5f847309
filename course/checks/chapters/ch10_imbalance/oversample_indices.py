"""ch10.oversample_indices: every class cycled up to the size of the largest."""

import numpy as np

from course.checks.chapters.ch10_imbalance.shared import imbalanced_label_cases
from course.checks.spec import Exercise, Mistake
from course.ops.resampling import oversample_indices


def oversample_indices__whole_copies_only(y, num_classes):
    largest = np.bincount(y, minlength=num_classes).max()
    parts = []
    for c in range(num_classes):
        idx = np.flatnonzero(y == c)
        parts.append(np.tile(idx, largest // len(idx)))
    return np.concatenate(parts)


def oversample_indices__each_index_repeated_in_place(y, num_classes):
    largest = np.bincount(y, minlength=num_classes).max()
    parts = []
    for c in range(num_classes):
        idx = np.flatnonzero(y == c)
        parts.append(np.repeat(idx, -(-largest // len(idx)))[:largest])
    return np.concatenate(parts)


def oversample_indices__cut_to_the_smallest_class(y, num_classes):
    smallest = np.bincount(y, minlength=num_classes).min()
    return np.concatenate([np.flatnonzero(y == c)[:smallest] for c in range(num_classes)])


OVERSAMPLE_INDICES = Exercise(
    id="ch10.oversample_indices", name="oversample_indices", reference=oversample_indices,
    make_cases=imbalanced_label_cases, output_names=("indices",), rtol=0, atol=0, points=2,
    mistakes=[
        Mistake("whole copies only",
                "Repeating a class's indices largest // N_c times falls short when N_c does "
                "not divide the largest count. Cycle through them until there are exactly "
                "max N_c (np.resize(idx, largest) does it).",
                oversample_indices__whole_copies_only),
        Mistake("each index repeated in place",
                "np.repeat gives a, a, b, b, c, ...: when the count does not divide evenly the "
                "last samples are never repeated. Go round the class's indices in turn, "
                "a, b, c, a, b, ..., so that copies differ by at most one.",
                oversample_indices__each_index_repeated_in_place),
        Mistake("cut to the smallest class",
                "That is undersampling: it throws away most of the common class. Oversampling "
                "keeps every sample and repeats the rare ones up to the LARGEST class's count.",
                oversample_indices__cut_to_the_smallest_class),
    ],
    summary="oversampling: indices that balance the classes")
