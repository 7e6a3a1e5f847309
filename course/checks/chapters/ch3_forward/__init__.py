"""Chapter 3, forward propagation: a dense layer, activations, softmax, the loss,
initializers and what their scale does across depth, a two-layer network.

Where the operation exists in :mod:`course.ops` the reference IS that function (same name,
signature and ``(out, cache)`` convention), and so are the references of the chapter's
experiments: ``activation_stats.layer_stds`` and ``two_layer_net.two_layer_forward``. Forward exercises are graded on ``out`` (or the
loss): the cache is the student's own business, since later exercises use the references.

Every mutant (one module per exercise) is a self-contained wrong answer (numpy only, the exercise's signature);
their diagnoses speak to the student.
"""

from course.checks.chapters.ch3_forward.dense_forward import DENSE_FORWARD
from course.checks.chapters.ch3_forward.glorot_uniform import GLOROT_UNIFORM
from course.checks.chapters.ch3_forward.layer_stds import LAYER_STDS
from course.checks.chapters.ch3_forward.relu_forward import RELU_FORWARD
from course.checks.chapters.ch3_forward.sigmoid_forward import SIGMOID_FORWARD
from course.checks.chapters.ch3_forward.softmax_cross_entropy_forward import (SOFTMAX_CROSS_ENTROPY_FORWARD)
from course.checks.chapters.ch3_forward.softmax_forward import SOFTMAX_FORWARD
from course.checks.chapters.ch3_forward.two_layer_forward import TWO_LAYER_FORWARD


EXERCISES = [DENSE_FORWARD, RELU_FORWARD, SIGMOID_FORWARD, SOFTMAX_FORWARD,
             SOFTMAX_CROSS_ENTROPY_FORWARD, GLOROT_UNIFORM, LAYER_STDS, TWO_LAYER_FORWARD]
