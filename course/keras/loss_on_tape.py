"""A loss written in ``keras.ops`` (a function ``f(y_true, y_pred)``, or a
``keras.losses.Loss`` subclass with ``call``): its mean over the batch, and its gradient
with respect to ``y_pred`` from a private tape, so ``compile(loss=...)`` trains with it."""

import numpy as np

from course.keras.ops import numpy as ops_numpy
from course.keras.ops.core import convert_to_tensor
from course.keras.ops.tape import GradientTape, value_of


def batch_mean(per_sample, sample_weight=None):
    """Keras's ``"sum_over_batch_size"``: the (weighted) per-sample losses' mean."""
    if sample_weight is not None:
        w = np.asarray(sample_weight).reshape(np.shape(per_sample)[:1] +
                                             (1,) * (np.ndim(per_sample) - 1))
        per_sample = ops_numpy.multiply(per_sample, w.astype(np.asarray(value_of(per_sample)).dtype))
    return ops_numpy.mean(per_sample)


def forward(call, y_true, y_pred, sample_weight=None):
    """``(loss, cache)``: the batch loss of ``call(y_true, y_pred)``, taped."""
    with GradientTape(watch_accessed_variables=False).exclusive() as tape:
        t = convert_to_tensor(y_pred)
        tape.watch(t)
        loss = batch_mean(call(convert_to_tensor(y_true), t), sample_weight)
    return np.asarray(value_of(loss)), (tape, loss, t)


def backward(cache, dloss=1.0):
    """``dloss / dy_pred`` (zeros where the loss does not depend on ``y_pred``)."""
    tape, loss, t = cache
    g = tape.gradient(loss, t)
    return np.zeros_like(value_of(t)) if g is None else np.asarray(g) * dloss
