"""ch10.balanced_class_weights: w_c = N / (K N_c), scikit-learn's "balanced"."""

import numpy as np

from course.checks.chapters.ch10_imbalance.shared import imbalanced_label_cases
from course.checks.spec import Exercise, Mistake
from course.ops.resampling import balanced_class_weights


def balanced_class_weights__inverse_counts_without_the_scale(y, num_classes):
    return 1.0 / np.bincount(y, minlength=num_classes)


def balanced_class_weights__class_frequencies(y, num_classes):
    return np.bincount(y, minlength=num_classes) / len(y)


def balanced_class_weights__normalised_to_sum_to_1(y, num_classes):
    inverse = 1.0 / np.bincount(y, minlength=num_classes)
    return inverse / inverse.sum()


BALANCED_CLASS_WEIGHTS = Exercise(
    id="ch10.balanced_class_weights", name="balanced_class_weights",
    reference=balanced_class_weights, make_cases=imbalanced_label_cases, output_names=("w",),
    rtol=1e-12, atol=0, points=1,
    mistakes=[
        Mistake("inverse counts without the scale",
                "1 / N_c has the right proportions but makes every weight tiny, which is "
                "the same as dividing the learning rate by about N / K. Multiply by N / K: "
                "w_c = N / (K N_c), so that balanced classes get weight 1.",
                balanced_class_weights__inverse_counts_without_the_scale),
        Mistake("class frequencies",
                "N_c / N is the frequency of the class: it gives the COMMON class the largest "
                "weight. The balanced weight is its inverse over K, N / (K N_c).",
                balanced_class_weights__class_frequencies),
        Mistake("normalised to sum to 1",
                "The weights are scaled so that every class carries N / K in total and the "
                "weighted number of samples stays N (the weights average 1 over the samples), "
                "not so that the weights sum to 1: w_c = N / (K N_c).",
                balanced_class_weights__normalised_to_sum_to_1),
    ],
    summary='class weights as class_weight="balanced" computes them')
