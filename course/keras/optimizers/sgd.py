"""``SGD``: gradient descent with optional (Nesterov) momentum."""

from course.keras.optimizers.optimizer import Optimizer
from course.ops.optimizers import sgd_update


class SGD(Optimizer):
    """``SGD(learning_rate=0.01, momentum=0.0, nesterov=False)``, Keras's defaults."""

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        if not 0 <= momentum <= 1:
            raise ValueError(f"`momentum` must be in [0, 1], received {momentum}")
        self.momentum, self.nesterov = float(momentum), bool(nesterov)
        self.slots = ("momentum",) if self.momentum else ()

    def update_step(self, param, grad, state, learning_rate):
        velocity = state[0] if state else None
        sgd_update(param, grad, velocity, learning_rate, self.momentum, self.nesterov)

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}
