"""``Adam``: momentum on the gradient and on its square, with bias correction."""

from course.keras.optimizers.optimizer import Optimizer
from course.ops.optimizers import adam_update, amsgrad_update


class Adam(Optimizer):
    """``Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False)``,
    Keras's defaults; ``amsgrad`` divides by the running maximum of the second moment."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.beta_1, self.beta_2, self.epsilon = float(beta_1), float(beta_2), float(epsilon)
        self.amsgrad = bool(amsgrad)
        self.slots = ("m", "v", "v_hat") if self.amsgrad else ("m", "v")

    def update_step(self, param, grad, state, learning_rate):
        if self.amsgrad:
            amsgrad_update(param, grad, *state, self.iterations, learning_rate, self.beta_1,
                           self.beta_2, self.epsilon)
            return
        m, v = state
        adam_update(param, grad, m, v, self.iterations, learning_rate,
                    self.beta_1, self.beta_2, self.epsilon)

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2,
                "epsilon": self.epsilon, "amsgrad": self.amsgrad}
