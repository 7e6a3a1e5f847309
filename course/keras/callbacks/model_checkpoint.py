"""``ModelCheckpoint``: save the model (or its weights) during training."""

import warnings

import numpy as np

from course.keras.callbacks.callback import Callback
from course.keras.callbacks.early_stopping import monitor_op


class ModelCheckpoint(Callback):
    """Save after every epoch, or only when ``monitor`` improves (``save_best_only``).

    ``filepath`` may hold format fields filled from the epoch (1-based) and the logs, e.g.
    ``"ckpt-{epoch:02d}-{val_loss:.2f}.keras"``. With ``save_weights_only`` it writes
    ``model.save_weights(filepath)``, otherwise ``model.save(filepath)``.
    """

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=False, mode="auto", save_freq="epoch",
                 initial_value_threshold=None):
        super().__init__()
        if save_freq != "epoch":
            raise ValueError("ModelCheckpoint supports save_freq='epoch' only")
        self.filepath, self.monitor, self.verbose = str(filepath), monitor, verbose
        self.save_best_only, self.save_weights_only = save_best_only, save_weights_only
        self.op = monitor_op(monitor, mode)
        self.best = initial_value_threshold
        if self.best is None:
            self.best = np.inf if self.op is np.less else -np.inf

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        path = self.filepath.format(epoch=epoch + 1, **logs)
        if self.save_best_only:
            value = logs.get(self.monitor)
            if value is None:
                warnings.warn(f"Can save best model only with {self.monitor} available.")
                return
            if not self.op(value, self.best):
                if self.verbose:
                    print(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from "
                          f"{self.best:.5f}")
                return
            if self.verbose:
                print(f"\nEpoch {epoch + 1}: {self.monitor} improved from {self.best:.5f} to "
                      f"{value:.5f}, saving model to {path}")
            self.best = value
        elif self.verbose:
            print(f"\nEpoch {epoch + 1}: saving model to {path}")
        if self.save_weights_only:
            self.model.save_weights(path)
        else:
            self.model.save(path)
