"""A loss written in ``keras.ops`` (a function ``f(y_true, y_pred)``, or a
``keras.losses.Loss`` subclass with ``call``): its per-sample values reduced as the loss's
``reduction`` says, and its gradient with respect to ``y_pred`` from a private tape, so
``compile(loss=...)`` trains with it."""

import numpy as np

from course.keras.ops.core import convert_to_tensor
from course.keras.ops.tape import GradientTape, record, value_of
from course.ops.loss_reduction import loss_reduction_backward, loss_reduction_forward


def reduce(per_sample, sample_weight=None, reduction="sum_over_batch_size"):
    """The per-sample losses weighed by ``sample_weight`` and reduced (one operation on the
    tape: :func:`course.ops.loss_reduction.loss_reduction_forward` and its backward)."""
    return record("loss_reduction",
                  lambda v: loss_reduction_forward(v, sample_weight, None, reduction),
                  lambda d, cache: (loss_reduction_backward(d, cache),), (per_sample,))


def forward(call, y_true, y_pred, sample_weight=None, reduction="sum_over_batch_size"):
    """``(loss, cache)``: the reduced loss of ``call(y_true, y_pred)``, taped."""
    with GradientTape(watch_accessed_variables=False).exclusive() as tape:
        t = convert_to_tensor(y_pred)
        tape.watch(t)
        loss = reduce(call(convert_to_tensor(y_true), t), sample_weight, reduction)
    return np.asarray(value_of(loss)), (tape, loss, t)


def backward(cache, dloss=1.0):
    """``dloss / dy_pred`` (zeros where the loss does not depend on ``y_pred``)."""
    tape, loss, t = cache
    g = tape.gradient(loss, t)
    return np.zeros_like(value_of(t)) if g is None else np.asarray(g) * dloss
