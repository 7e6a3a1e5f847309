"""``ProgbarLogger``: the progress bar ``fit(verbose=1)`` prints, and the epoch line of ``verbose=2``."""

from course.keras.callbacks.callback import Callback
from course.keras.utils.progbar import Progbar


class ProgbarLogger(Callback):
    """Shows ``Epoch 1/5`` and a bar per epoch (verbose 1) or one line per epoch (verbose 2)."""

    def __init__(self, verbose=1):
        super().__init__()
        self.verbose = verbose
        self.progbar = None

    def on_epoch_begin(self, epoch, logs=None):
        epochs = self.params.get("epochs", 1)
        print(f"Epoch {epoch + 1}/{epochs}", flush=True)
        self.progbar = Progbar(self.params.get("steps"), verbose=self.verbose)

    def on_train_batch_end(self, batch, logs=None):
        self.progbar.update(batch + 1, logs)

    def on_epoch_end(self, epoch, logs=None):
        self.progbar.update(self.progbar.seen, logs, finalize=True)

    def on_test_begin(self, logs=None):
        if not self.params.get("in_fit"):
            self.progbar = Progbar(self.params.get("steps"), verbose=self.verbose)

    def on_test_batch_end(self, batch, logs=None):
        if not self.params.get("in_fit"):
            self.progbar.update(batch + 1, logs)

    def on_test_end(self, logs=None):
        if not self.params.get("in_fit"):
            self.progbar.update(self.progbar.seen, logs, finalize=True)

    def on_predict_begin(self, logs=None):
        self.progbar = Progbar(self.params.get("steps"), verbose=self.verbose)

    def on_predict_batch_end(self, batch, logs=None):
        self.progbar.update(batch + 1)

    def on_predict_end(self, logs=None):
        self.progbar.update(self.progbar.seen, finalize=True)
