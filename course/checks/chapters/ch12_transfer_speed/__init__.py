"""Chapter 12, transfer learning and fast training: features from a frozen base, class
means on few labels, trainable counts and a step that skips frozen weights; then batch
normalization folded into its layer, Amdahl's law read from a profile, a fused numba
kernel, how a parallel loop splits its iterations among threads, and how many threads a
matrix product should get on a shared machine.

Every reference is a function of the library: ``ops.frozen_features.extract_features``,
``ops.class_means.class_means``, ``keras.models.param_counts.trainable_count``,
``ops.frozen_update.frozen_update``, ``ops.fold_batchnorm.fold_batchnorm``,
``benchmarks.profile_step.step_speedup``, ``ops.bias_relu.bias_relu_forward``,
``thread_chunks.chunks_for_threads`` and ``free_cores.pick_threads``.

Every mutant (one module per exercise) is a self-contained wrong answer (numpy only, the
exercise's signature); their diagnoses speak to the student.
"""

from course.checks.chapters.ch12_transfer_speed.bias_relu_forward import BIAS_RELU_FORWARD
from course.checks.chapters.ch12_transfer_speed.chunks_for_threads import CHUNKS_FOR_THREADS
from course.checks.chapters.ch12_transfer_speed.class_means import CLASS_MEANS
from course.checks.chapters.ch12_transfer_speed.extract_features import EXTRACT_FEATURES
from course.checks.chapters.ch12_transfer_speed.fold_batchnorm import FOLD_BATCHNORM
from course.checks.chapters.ch12_transfer_speed.frozen_update import FROZEN_UPDATE
from course.checks.chapters.ch12_transfer_speed.pick_threads import PICK_THREADS
from course.checks.chapters.ch12_transfer_speed.step_speedup import STEP_SPEEDUP
from course.checks.chapters.ch12_transfer_speed.trainable_count import TRAINABLE_COUNT

EXERCISES = [EXTRACT_FEATURES, CLASS_MEANS, TRAINABLE_COUNT, FROZEN_UPDATE, FOLD_BATCHNORM,
             STEP_SPEEDUP, BIAS_RELU_FORWARD, CHUNKS_FOR_THREADS, PICK_THREADS]
