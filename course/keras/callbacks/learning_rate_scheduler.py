"""``LearningRateScheduler``: set the learning rate at the start of each epoch."""

from course.keras.callbacks.callback import Callback


class LearningRateScheduler(Callback):
    """``schedule(epoch, lr) -> new_lr`` (or ``schedule(epoch)``), called before each epoch."""

    def __init__(self, schedule, verbose=0):
        super().__init__()
        self.schedule, self.verbose = schedule, verbose

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        lr = optimizer.current_learning_rate()
        try:
            new_lr = self.schedule(epoch, lr)
        except TypeError:
            new_lr = self.schedule(epoch)
        new_lr = float(new_lr)
        optimizer.learning_rate = new_lr
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {new_lr}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = self.model.optimizer.current_learning_rate()
