"""Chapter 9, overfitting and regularization: L1 and L2 penalties and their gradients,
inverted dropout forward and backward, batch normalization forward (training and
inference) and backward, early stopping read from a validation curve, and one AdamW step
(decoupled weight decay).

Every reference is a function of the library: ``ops.l1_l2_forward`` / ``l1_l2_backward``,
``ops.dropout_forward`` / ``dropout_backward``, ``ops.batchnorm_forward`` /
``batchnorm_backward``, ``keras.callbacks.early_stopping.stopping_epoch`` and
``ops.adamw_update``. Backward exercises are called as ``obj(dout, cache)`` with the cache
built by the reference forward.

Every mutant (one module per exercise) is a self-contained wrong answer (numpy only, the
exercise's signature); their diagnoses speak to the student.
"""

from course.checks.chapters.ch9_regularization.adamw_update import ADAMW_UPDATE
from course.checks.chapters.ch9_regularization.batchnorm_backward import BATCHNORM_BACKWARD
from course.checks.chapters.ch9_regularization.batchnorm_forward import BATCHNORM_FORWARD
from course.checks.chapters.ch9_regularization.dropout_backward import DROPOUT_BACKWARD
from course.checks.chapters.ch9_regularization.dropout_forward import DROPOUT_FORWARD
from course.checks.chapters.ch9_regularization.l1_l2_backward import L1_L2_BACKWARD
from course.checks.chapters.ch9_regularization.l1_l2_forward import L1_L2_FORWARD
from course.checks.chapters.ch9_regularization.stopping_epoch import STOPPING_EPOCH

EXERCISES = [L1_L2_FORWARD, L1_L2_BACKWARD, DROPOUT_FORWARD, DROPOUT_BACKWARD,
             BATCHNORM_FORWARD, BATCHNORM_BACKWARD, STOPPING_EPOCH, ADAMW_UPDATE]
