"""``History``: what ``fit`` returns; ``history.history["loss"]`` is the loss per epoch."""

from course.keras.callbacks.callback import Callback


class History(Callback):
    """Records ``logs`` at the end of every epoch.

    Attributes:
        history: ``{"loss": [...], "accuracy": [...], "val_loss": [...], ...}``.
        epoch: the epoch indices recorded.
    """

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)
