"""``RMSprop``: scale each step by a running root-mean-square of the gradient."""

from course.keras.optimizers.optimizer import Optimizer
from course.ops.optimizers import rmsprop_momentum_update, rmsprop_update


class RMSprop(Optimizer):
    """``RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)``,
    Keras's defaults."""

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.rho, self.momentum, self.epsilon = float(rho), float(momentum), float(epsilon)
        self.centered = bool(centered)
        plain = not self.centered and self.momentum == 0
        self.slots = ("velocity",) if plain else ("velocity", "average_gradient", "momentum")

    def update_step(self, param, grad, state, learning_rate):
        if len(state) == 1:
            rmsprop_update(param, grad, state[0], learning_rate, self.rho, self.epsilon)
            return
        rmsprop_momentum_update(param, grad, *state, learning_rate, self.rho, self.momentum,
                                self.epsilon, self.centered)

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "momentum": self.momentum,
                "epsilon": self.epsilon, "centered": self.centered}
