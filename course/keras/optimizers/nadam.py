"""``Nadam``: Adam with Nesterov momentum."""

from course.keras.optimizers.optimizer import Optimizer
from course.ops.optimizers import nadam_momentum_decay, nadam_update


class Nadam(Optimizer):
    """``Nadam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)``, Keras's defaults."""

    slots = ("momentum", "velocity")

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.beta_1, self.beta_2, self.epsilon = float(beta_1), float(beta_2), float(epsilon)
        self.u_product = 1.0  # u_1 u_2 ... u_t, one for all the variables

    def begin_step(self, learning_rate):
        self.u_product *= nadam_momentum_decay(self.iterations, self.beta_1)

    def update_step(self, param, grad, state, learning_rate):
        m, v = state
        nadam_update(param, grad, m, v, self.iterations, self.u_product, learning_rate,
                     self.beta_1, self.beta_2, self.epsilon)

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2,
                "epsilon": self.epsilon}
