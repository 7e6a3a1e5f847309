"""``LambdaCallback``: a callback made of plain functions."""

from course.keras.callbacks.callback import Callback


class LambdaCallback(Callback):
    """E.g. ``LambdaCallback(on_epoch_end=lambda epoch, logs: print(logs["loss"]))``."""

    _HOOKS = ("on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end",
              "on_train_batch_begin", "on_train_batch_end", "on_batch_begin", "on_batch_end")

    def __init__(self, **hooks):
        super().__init__()
        unknown = set(hooks) - set(self._HOOKS)
        if unknown:
            raise TypeError(f"LambdaCallback got unknown hooks: {sorted(unknown)}")
        for name, fn in hooks.items():
            name = {"on_batch_begin": "on_train_batch_begin",
                    "on_batch_end": "on_train_batch_end"}.get(name, name)
            setattr(self, name, fn)
