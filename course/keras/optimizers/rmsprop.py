"""``RMSprop``: scale each step by a running root-mean-square of the gradient."""

from course.keras.optimizers.optimizer import Optimizer
from course.ops.optimizers import rmsprop_update


class RMSprop(Optimizer):
    """``RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-7)``, Keras's defaults."""

    slots = ("velocity",)

    def __init__(self, learning_rate=0.001, rho=0.9, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.rho, self.epsilon = float(rho), float(epsilon)

    def update_step(self, param, grad, state, learning_rate):
        rmsprop_update(param, grad, state[0], learning_rate, self.rho, self.epsilon)

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}
