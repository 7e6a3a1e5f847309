"""The loss and metrics a model was compiled with, applied to a batch.

When the output layer ends in a softmax (sigmoid) and the loss is a categorical (binary)
cross-entropy on probabilities, the loss is computed from the logits with
``course.ops.softmax_cross_entropy`` (or the binary from-logits loss): exact for any logits
and faster. Keras does the same. :class:`CompileLoss` makes that choice once and gives the
training step and evaluation the same ``(loss, y_pred, dloss/dout)``.
"""

import numpy as np

from course.keras import losses as losses_mod
from course.keras import metrics as metrics_mod
from course.ops.activations import sigmoid_forward
from course.ops.losses import (binary_crossentropy_from_logits_backward,
                               binary_crossentropy_from_logits_forward)
from course.ops.softmax_cross_entropy import (softmax_cross_entropy_backward,
                                              softmax_cross_entropy_forward)


def fused_kind(loss, output_activation, output_shape):
    """``"softmax"``, ``"sigmoid"`` when the loss is computed from logits, else ``""``."""
    if loss.from_logits or len(output_shape) != 2 or loss.reduction != "sum_over_batch_size" \
            or getattr(loss, "label_smoothing", 0) or getattr(loss, "ignore_class", None) is not None:
        return ""
    if output_activation == "softmax" and isinstance(
            loss, (losses_mod.CategoricalCrossentropy, losses_mod.SparseCategoricalCrossentropy)):
        return "softmax"
    if output_activation == "sigmoid" and isinstance(loss, losses_mod.BinaryCrossentropy):
        return "sigmoid"
    return ""


class CompileLoss:
    """The compiled loss on a model's output: fused with the output activation when it can be.

    Args:
        loss: a :class:`course.keras.losses.Loss`.
        kind: :func:`fused_kind`'s answer; with ``"softmax"``/``"sigmoid"`` the model's
            output ``out`` is the logits.
    """

    def __init__(self, loss, kind):
        self.loss, self.kind = loss, kind

    @property
    def logits(self):
        """Whether the model should return logits for this loss (it is fused)."""
        return bool(self.kind)

    def __call__(self, y, out, w, need_grad=True):
        """``(loss, y_pred, dloss/dout)`` for a batch (``dloss/dout`` None unless needed)."""
        if self.kind == "softmax":
            loss, cache = softmax_cross_entropy_forward(y, out, w)
            dout = softmax_cross_entropy_backward(1.0, cache) if need_grad else None
            return loss, cache[0], dout
        if self.kind == "sigmoid":
            y2 = y.reshape(out.shape).astype(out.dtype, copy=False)
            loss, cache = binary_crossentropy_from_logits_forward(y2, out, w)
            dout = binary_crossentropy_from_logits_backward(1.0, cache) if need_grad else None
            return loss, sigmoid_forward(out)[0], dout
        loss, cache = self.loss.forward(y, out, w)
        # reduction="none": as in Keras, the gradient of the sum, the mean in the logs
        dout = self.loss.backward(cache, np.ones_like(loss)) if need_grad else None
        return np.mean(loss), out, dout


def as_metric_list(metrics):
    """``compile(metrics=...)`` must be a list or tuple (of names, functions or metrics).

    As Keras 3, anything else (a bare ``"accuracy"``) is a ValueError that says so.
    """
    if metrics is None:
        return []
    if not isinstance(metrics, (list, tuple)):
        raise ValueError(f"Expected `metrics` argument to be a list or tuple. Received "
                         f"instead: metrics={metrics!r} of type {type(metrics).__name__}; "
                         f"write metrics=[{metrics!r}]")
    return list(metrics)


def resolve_metrics(specs, loss_name, y_shape, y_pred_shape):
    """Metric objects for ``specs`` (names, functions or metrics), as the data decides."""
    return [metrics_mod.get(m, loss_name=loss_name, y_true_shape=y_shape,
                            y_pred_shape=y_pred_shape) for m in specs]


def resolve_weighted_metrics(specs, taken_names, loss_name, y_shape, y_pred_shape):
    """``weighted_metrics``' objects; a name already used by ``metrics`` gets ``weighted_``.

    As Keras 3, these (and only these) metrics are given the sample weights.
    """
    resolved = resolve_metrics(specs, loss_name, y_shape, y_pred_shape)
    taken = set(taken_names)
    for metric in resolved:
        if metric.name in taken:
            metric.name = f"weighted_{metric.name}"
        taken.add(metric.name)
    return resolved
