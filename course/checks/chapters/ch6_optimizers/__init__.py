"""Chapter 6, gradient descent and optimizers: exercise specs.

The optimizer updates are graded against ``course.ops.optimizers``, which work IN PLACE on
the parameter and its state: their ``call`` runs the student's function on (copies of) the
arrays and returns the arrays as they are afterwards, so an update that builds new arrays
instead of changing the given ones is caught (and named). Those specs name the arguments
updated in place in ``mutable``; a change to any other input (the gradient) is caught.

The other references are in ``course.ops`` too: the minibatch descent loop in
``least_squares``, the moving average in ``moving_average``, the learning-rate schedule in
``schedules`` (which Keras's ``ExponentialDecay`` calls) and global-norm clipping in
``clipping`` (which the optimizers' ``global_clipnorm`` calls).
"""

from course.checks.chapters.ch6_optimizers.adagrad_update import ADAGRAD_UPDATE
from course.checks.chapters.ch6_optimizers.adam_update import ADAM_UPDATE
from course.checks.chapters.ch6_optimizers.clip_by_global_norm import CLIP_BY_GLOBAL_NORM
from course.checks.chapters.ch6_optimizers.exponential_decay import EXPONENTIAL_DECAY
from course.checks.chapters.ch6_optimizers.exponential_moving_average import EMA
from course.checks.chapters.ch6_optimizers.minibatch_sgd import MINIBATCH_SGD
from course.checks.chapters.ch6_optimizers.rmsprop_update import RMSPROP_UPDATE
from course.checks.chapters.ch6_optimizers.sgd_update import SGD_UPDATE


EXERCISES = [MINIBATCH_SGD, EMA, SGD_UPDATE, ADAGRAD_UPDATE, RMSPROP_UPDATE, ADAM_UPDATE,
             EXPONENTIAL_DECAY, CLIP_BY_GLOBAL_NORM]
