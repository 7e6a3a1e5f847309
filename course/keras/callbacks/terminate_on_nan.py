"""``TerminateOnNaN``: stop training as soon as the loss is NaN or infinite."""

import math

from course.keras.callbacks.callback import Callback


class TerminateOnNaN(Callback):
    """Stops training at the first batch whose loss is not finite."""

    def on_train_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is not None and not math.isfinite(loss):
            print(f"Batch {batch}: Invalid loss, terminating training")
            self.model.stop_training = True
