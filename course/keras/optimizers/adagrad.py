"""``Adagrad``: per-parameter steps that shrink with the sum of squared gradients."""

import numpy as np

from course.keras.optimizers.optimizer import Optimizer
from course.ops.optimizers import adagrad_update


class Adagrad(Optimizer):
    """``Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)``."""

    slots = ("accumulator",)

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.initial_accumulator_value = float(initial_accumulator_value)
        self.epsilon = float(epsilon)

    def initial_slot(self, param):
        return np.full_like(param, self.initial_accumulator_value)

    def update_step(self, param, grad, state, learning_rate):
        adagrad_update(param, grad, state[0], learning_rate, self.epsilon)

    def get_config(self):
        return {**super().get_config(), "epsilon": self.epsilon,
                "initial_accumulator_value": self.initial_accumulator_value}
