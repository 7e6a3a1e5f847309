"""Overriding ``train_step(self, data)``, as Keras 3's guide "Customizing what happens in
fit()" does with ``tf.GradientTape``: ``fit`` hands each batch to the model's own step and
takes back its logs; ``compute_loss`` and ``metrics`` are what such a step calls."""

import numpy as np

from course.keras import metrics as metrics_mod


def overrides_train_step(model):
    """Whether ``model``'s class defines its own ``train_step`` (the base one is marked
    ``fused``: ``fit`` runs its fused step instead)."""
    return not getattr(type(model).train_step, "fused", False)


def loss_tracker(model):
    """The model's ``Mean`` named ``"loss"`` (made once)."""
    tracker = model.__dict__.get("_loss_tracker")
    if tracker is None:
        tracker = model._loss_tracker = metrics_mod.Mean("loss")
    return tracker


def compute_loss(model, y, y_pred, sample_weight=None):
    """The compiled loss of ``(y, y_pred)`` plus the layers' ``add_loss`` terms (recorded on
    a tape when ``y_pred`` is)."""
    loss = model.loss(y, y_pred, sample_weight)
    for extra in model.losses:
        loss = loss + extra
    return loss


def run_train_step(model, xb, yb, wb):
    """``model.train_step(data)`` on one batch; its logs as floats."""
    data = (xb, yb) if wb is None else (xb, yb, wb)
    logs = model.train_step(data) or {}
    return {k: float(np.asarray(v)) for k, v in logs.items()}
