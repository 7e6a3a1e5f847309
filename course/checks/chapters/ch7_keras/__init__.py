"""Chapter 7, Keras-style model building: the heart of ``Sequential.fit`` in nine functions.

A model here is plain data, as Keras keeps it: a list of layers, each a dict
``{"kernel": (D, M) float32, "bias": (M,) float32, "activation": "relu"}``. The student
writes, in order: ``accuracy``, ``minibatch_indices`` (a seeded shuffle, the last batch
partial), ``build`` (weights from the input size, Glorot-uniform), ``forward``,
``backward``, ``train_step`` (forward, loss, backward, SGD), ``steps_to_overfit`` (a
training step checked by memorising a tiny batch), ``evaluate`` (in batches,
weighted by batch size) and ``fit`` (epochs of shuffled minibatches and a History dict).

The operations come from ``course.ops`` (``dense_forward``, the activations,
``softmax_cross_entropy_forward``, ``sgd_update``); the references of this chapter are in
``course.ops.sequential``, and a later exercise calls the references of the earlier ones (a
notebook imports that module as ``ref``), so that a student stuck on one exercise can go on.

Each catalogued mistake is a self-contained wrong version with the exercise's signature.
Like the student's code it replaces, a mutant of a later exercise calls this chapter's
references of the earlier ones (``forward``, ``train_step``...) from ``course.ops``.
"""

from course.checks.chapters.ch7_keras.accuracy import ACCURACY
from course.checks.chapters.ch7_keras.backward import BACKWARD
from course.checks.chapters.ch7_keras.build import BUILD
from course.checks.chapters.ch7_keras.evaluate import EVALUATE
from course.checks.chapters.ch7_keras.fit import FIT
from course.checks.chapters.ch7_keras.forward import FORWARD
from course.checks.chapters.ch7_keras.minibatch_indices import MINIBATCH_INDICES
from course.checks.chapters.ch7_keras.steps_to_overfit import STEPS_TO_OVERFIT
from course.checks.chapters.ch7_keras.train_step import TRAIN_STEP


EXERCISES = [ACCURACY, MINIBATCH_INDICES, BUILD, FORWARD, BACKWARD, TRAIN_STEP, STEPS_TO_OVERFIT,
             EVALUATE, FIT]
