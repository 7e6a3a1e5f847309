"""``Adadelta``: steps scaled by running averages of squared gradients and squared steps."""

from course.keras.optimizers.optimizer import Optimizer
from course.ops.optimizers import adadelta_update


class Adadelta(Optimizer):
    """``Adadelta(learning_rate=0.001, rho=0.95, epsilon=1e-7)``, Keras's defaults."""

    slots = ("accumulated_grad", "accumulated_delta_var")

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.rho, self.epsilon = float(rho), float(epsilon)

    def update_step(self, param, grad, state, learning_rate):
        adadelta_update(param, grad, state[0], state[1], learning_rate, self.rho, self.epsilon)

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}
