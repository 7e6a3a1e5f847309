"""Chapter 10, imbalanced data and augmentation: the confusion matrix, precision, recall
and F1, the ROC curve and its area, moving the threshold, class weights and oversampling,
the binary focal cross-entropy forward and backward, and rotating images for augmentation.

Every reference is a function of the library: ``ops.classification_metrics``
(``confusion_matrix``, ``precision_recall_f1``, ``roc_curve``, ``roc_auc``,
``best_f1_threshold``), ``ops.resampling`` (``balanced_class_weights``,
``oversample_indices``), ``ops.probabilistic_losses``'s binary focal pair (the Keras loss
``BinaryFocalCrossentropy`` calls it) and ``data.augment.rotate``. The backward exercise is
called as ``obj(dvalues, cache)`` with the cache built by the reference forward.

Every mutant (one module per exercise) is a self-contained wrong answer (numpy only, the
exercise's signature); their diagnoses speak to the student.
"""

from course.checks.chapters.ch10_imbalance.balanced_class_weights import BALANCED_CLASS_WEIGHTS
from course.checks.chapters.ch10_imbalance.best_f1_threshold import BEST_F1_THRESHOLD
from course.checks.chapters.ch10_imbalance.binary_focal_crossentropy_per_sample_backward import \
    BINARY_FOCAL_CROSSENTROPY_PER_SAMPLE_BACKWARD
from course.checks.chapters.ch10_imbalance.binary_focal_crossentropy_per_sample_forward import \
    BINARY_FOCAL_CROSSENTROPY_PER_SAMPLE_FORWARD
from course.checks.chapters.ch10_imbalance.confusion_matrix import CONFUSION_MATRIX
from course.checks.chapters.ch10_imbalance.oversample_indices import OVERSAMPLE_INDICES
from course.checks.chapters.ch10_imbalance.precision_recall_f1 import PRECISION_RECALL_F1
from course.checks.chapters.ch10_imbalance.roc_auc import ROC_AUC
from course.checks.chapters.ch10_imbalance.roc_curve import ROC_CURVE
from course.checks.chapters.ch10_imbalance.rotate import ROTATE

EXERCISES = [CONFUSION_MATRIX, PRECISION_RECALL_F1, ROC_CURVE, ROC_AUC, BEST_F1_THRESHOLD,
             BALANCED_CLASS_WEIGHTS, OVERSAMPLE_INDICES,
             BINARY_FOCAL_CROSSENTROPY_PER_SAMPLE_FORWARD,
             BINARY_FOCAL_CROSSENTROPY_PER_SAMPLE_BACKWARD, ROTATE]
