"""Chapter 12, transfer learning and fast training: features from a frozen base, class
means and the nearest-mean classifier on few labels, trainable counts and a step that skips
frozen weights; then batch normalization folded into its layer, Amdahl's law read from a
profile, a fused numba kernel, and how a parallel loop splits its iterations among threads.

Every reference is a function of the library: ``ops.frozen_features.extract_features``,
``ops.class_means.class_means``, ``ops.nearest_mean.nearest_class_mean``,
``keras.models.param_counts.trainable_count``, ``ops.frozen_update.frozen_update``,
``ops.fold_batchnorm.fold_batchnorm``, ``benchmarks.profile_step.step_speedup``,
``ops.bias_relu.bias_relu_forward`` and ``thread_chunks.chunks_for_threads``. None of them
is on the path of a training step: the grader replaces each reference by a stub that raises,
and the library's layers and thread policy must go on working around the student's code.

Every mutant (one module per exercise) is a self-contained wrong answer (numpy only, the
exercise's signature); their diagnoses speak to the student.
"""

from course.checks.chapters.ch12_transfer_speed.bias_relu_forward import BIAS_RELU_FORWARD
from course.checks.chapters.ch12_transfer_speed.chunks_for_threads import CHUNKS_FOR_THREADS
from course.checks.chapters.ch12_transfer_speed.class_means import CLASS_MEANS
from course.checks.chapters.ch12_transfer_speed.extract_features import EXTRACT_FEATURES
from course.checks.chapters.ch12_transfer_speed.fold_batchnorm import FOLD_BATCHNORM
from course.checks.chapters.ch12_transfer_speed.frozen_update import FROZEN_UPDATE
from course.checks.chapters.ch12_transfer_speed.nearest_class_mean import NEAREST_CLASS_MEAN
from course.checks.chapters.ch12_transfer_speed.step_speedup import STEP_SPEEDUP
from course.checks.chapters.ch12_transfer_speed.trainable_count import TRAINABLE_COUNT

EXERCISES = [EXTRACT_FEATURES, CLASS_MEANS, NEAREST_CLASS_MEAN, TRAINABLE_COUNT, FROZEN_UPDATE,
             FOLD_BATCHNORM, STEP_SPEEDUP, BIAS_RELU_FORWARD, CHUNKS_FOR_THREADS]
