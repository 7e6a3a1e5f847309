"""``EarlyStopping``: stop when a monitored value stops improving."""

import warnings

import numpy as np

from course.keras.callbacks.callback import Callback


def monitor_op(monitor, mode):
    """``np.less`` or ``np.greater``: which direction of ``monitor`` is an improvement."""
    if mode not in ("auto", "min", "max"):
        raise ValueError(f"mode must be 'auto', 'min' or 'max', got {mode!r}")
    if mode == "auto":
        mode = "max" if any(k in monitor for k in ("acc", "auc", "precision", "recall")) \
            else "min"
    return np.less if mode == "min" else np.greater


class EarlyStopping(Callback):
    """Stop training after ``patience`` epochs without an improvement of ``min_delta``.

    Args (Keras's): monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto",
    baseline=None, restore_best_weights=False, start_from_epoch=0.
    With ``restore_best_weights``, the model gets the weights of its best epoch back when
    training stops (whether it stopped early or ran all its epochs).
    """

    def __init__(self, monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto",
                 baseline=None, restore_best_weights=False, start_from_epoch=0):
        super().__init__()
        self.monitor, self.patience, self.verbose = monitor, patience, verbose
        self.baseline, self.restore_best_weights = baseline, restore_best_weights
        self.start_from_epoch = start_from_epoch
        self.op = monitor_op(monitor, mode)
        self.min_delta = abs(min_delta) if self.op is np.greater else -abs(min_delta)

    def on_train_begin(self, logs=None):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = np.inf if self.op is np.less else -np.inf
        self.best_weights = None
        self.best_epoch = 0

    def _improved(self, value, reference):
        return reference is None or self.op(value - self.min_delta, reference)

    def on_epoch_end(self, epoch, logs=None):
        value = (logs or {}).get(self.monitor)
        if value is None:
            warnings.warn(f"Early stopping conditioned on metric `{self.monitor}` which is not "
                          f"available. Available metrics are: {','.join(logs or {})}")
            return
        if epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = self.model.get_weights()
        self.wait += 1
        if self._improved(value, self.best):
            self.best, self.best_epoch = value, epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            if self.baseline is None or self._improved(value, self.baseline):
                self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            print(f"Epoch {self.stopped_epoch + 1}: early stopping")
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                print(f"Restoring model weights from the end of the best epoch: "
                      f"{self.best_epoch + 1}.")
            self.model.set_weights(self.best_weights)


class _Run:
    """The little a callback needs of a model to tell ``fit`` to stop."""
    stop_training = False


def stopping_epoch(values, patience=0, min_delta=0.0, mode="min"):
    """When :class:`EarlyStopping` stops a run whose monitored value goes ``values``.

    Args:
        values: the monitored value after each epoch (``history.history["val_loss"]``).
        patience, min_delta, mode: as for ``EarlyStopping``.

    Returns:
        ``(stopped_epoch, best_epoch)``: the 0-based epoch after which training stops
        (None if it runs through every value) and the epoch of the best value.
    """
    callback = EarlyStopping(monitor="value", min_delta=min_delta, patience=patience, mode=mode)
    callback.model = _Run()
    callback.on_train_begin()
    for epoch, value in enumerate(values):
        callback.on_epoch_end(epoch, {"value": float(value)})
        if callback.model.stop_training:
            return epoch, callback.best_epoch
    return None, callback.best_epoch
