"""Overriding ``train_step(self, data)``, as Keras 3's guide "Customizing what happens in
fit()" does with ``tf.GradientTape``: ``fit`` hands each batch to the model's own step and
takes back its logs; ``compute_loss`` and ``metrics`` are what such a step calls."""

import numpy as np

from course.keras import metrics as metrics_mod


def overrides_train_step(model, name="train_step"):
    """Whether ``model``'s class defines its own ``train_step`` (or ``test_step``); the base
    ones are marked ``fused``: ``fit`` and ``evaluate`` run their fused step instead."""
    return not getattr(getattr(type(model), name), "fused", False)


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


def run_train_step(model, xb, yb, wb, name="train_step"):
    """``model.train_step(data)`` (or ``test_step``) on one batch; its logs as floats."""
    data = (xb, yb) if wb is None else (xb, yb, wb)
    logs = getattr(model, name)(data) or {}
    return {k: float(np.asarray(v)) for k, v in logs.items()}


class CustomSteps:
    """What a ``train_step``/``test_step`` written as in Keras 3's guide calls on the model."""

    @property
    def metrics(self):
        """The loss tracker and the compiled metrics (what a custom step updates)."""
        return [loss_tracker(self)] + list(self.compiled_metrics)

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The compiled loss plus the ``add_loss`` terms (Keras 3's name)."""
        return compute_loss(self, y, y_pred, sample_weight)

    def train_step(self, data):
        """One training step on ``data = (x, y[, sample_weight])``; override it to customise
        ``fit`` (Keras 3's guide); the built-in step is fused and runs without it."""
        raise NotImplementedError

    train_step.fused = True

    def test_step(self, data):
        """One evaluation step on ``data``; override it to customise ``evaluate``."""
        raise NotImplementedError

    test_step.fused = True
