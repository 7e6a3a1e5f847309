"""Chapter 4, backpropagation: numerical gradient checking of a layer first (Chapter 2's
central differences, contracted with an upstream gradient, and a relative error), then the
dense, activation and softmax-cross-entropy backward passes and softmax's own backward, which
the student checks with their own checker, the gradients of a two-layer network and a
training step.

Backward exercises are called as ``obj(dout, cache)`` where the cache is built inside the
call by the REFERENCE forward of :mod:`course.ops` from the case's plain arrays (a cache is
not plain data, and a student stuck on a forward pass can still do the backward one).
Every reference is a function of ``course.ops``: the backward passes, gradient checking
(``gradient_check.numerical_gradient_array``, ``relative_error``) and the two-layer network
(``two_layer_net.two_layer_loss_and_grads``, ``train_step``).

Every mutant (one module per exercise) is a self-contained wrong answer (numpy only, the exercise's signature);
their diagnoses speak to the student.
"""

from course.checks.chapters.ch4_backprop.dense_backward import DENSE_BACKWARD
from course.checks.chapters.ch4_backprop.numerical_gradient_array import NUMERICAL_GRADIENT_ARRAY
from course.checks.chapters.ch4_backprop.relative_error import RELATIVE_ERROR
from course.checks.chapters.ch4_backprop.relu_backward import RELU_BACKWARD
from course.checks.chapters.ch4_backprop.sigmoid_backward import SIGMOID_BACKWARD
from course.checks.chapters.ch4_backprop.softmax_backward import SOFTMAX_BACKWARD
from course.checks.chapters.ch4_backprop.softmax_cross_entropy_backward import (SOFTMAX_CROSS_ENTROPY_BACKWARD)
from course.checks.chapters.ch4_backprop.train_step import TRAIN_STEP
from course.checks.chapters.ch4_backprop.two_layer_loss_and_grads import TWO_LAYER_LOSS_AND_GRADS


EXERCISES = [NUMERICAL_GRADIENT_ARRAY, RELATIVE_ERROR, DENSE_BACKWARD, RELU_BACKWARD,
             SIGMOID_BACKWARD, SOFTMAX_CROSS_ENTROPY_BACKWARD, SOFTMAX_BACKWARD,
             TWO_LAYER_LOSS_AND_GRADS, TRAIN_STEP]
