"""``Adamax``: Adam with the infinity norm of the gradients in place of their squares."""

from course.keras.optimizers.optimizer import Optimizer
from course.ops.optimizers import adamax_update


class Adamax(Optimizer):
    """``Adamax(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)``, Keras's defaults."""

    slots = ("momentum", "norm")

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.beta_1, self.beta_2, self.epsilon = float(beta_1), float(beta_2), float(epsilon)

    def update_step(self, param, grad, state, learning_rate):
        m, u = state
        adamax_update(param, grad, m, u, self.iterations, learning_rate, self.beta_1,
                      self.beta_2, self.epsilon)

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2,
                "epsilon": self.epsilon}
