"""Chapter 5, loss functions: exercise specs.

Every exercise is graded against its ``course.ops.losses`` function, with the same name and
signature. A forward returns ``(loss, cache)``; the check compares the loss only
(``call=_loss_only``), so the student's cache may be anything. A backward takes
``(dloss, cache)``; its check builds the cache with the reference forward (``course.ops``),
so a student stuck on a forward can still do its backward, and the cache's layout is the
one documented in ``course.ops.losses``.

Every mutant is a self-contained numpy function with the exercise's signature. The edge
cases (probabilities of exactly 0 and 1, logits of 1e4) are built so that the unstable
mistakes fail differently from one another (inf on one case, nan or a finite value on
another), and each is diagnosed under its own name."""

from course.checks.chapters.ch5_losses.binary_crossentropy_forward import BCE_FORWARD
from course.checks.chapters.ch5_losses.binary_crossentropy_from_logits_backward import (BCE_LOGITS_BACKWARD)
from course.checks.chapters.ch5_losses.binary_crossentropy_from_logits_forward import (BCE_LOGITS_FORWARD)
from course.checks.chapters.ch5_losses.categorical_crossentropy_backward import CCE_BACKWARD
from course.checks.chapters.ch5_losses.categorical_crossentropy_forward import CCE_FORWARD
from course.checks.chapters.ch5_losses.mean_squared_error_backward import MSE_BACKWARD
from course.checks.chapters.ch5_losses.mean_squared_error_forward import MSE_FORWARD
from course.checks.chapters.ch5_losses.sparse_categorical_crossentropy_from_logits_forward import (SPARSE_FORWARD)


EXERCISES = [MSE_FORWARD, MSE_BACKWARD, BCE_FORWARD, BCE_LOGITS_FORWARD, BCE_LOGITS_BACKWARD,
             CCE_FORWARD, CCE_BACKWARD, SPARSE_FORWARD]
